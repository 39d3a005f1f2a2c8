#!/usr/bin/env python3
"""Writes the fuzz targets' seed inputs from the real fixtures into a folder per target.

    tests/fuzz/tools/make-seeds.py OUT

The seeds are the fixtures (tests/fixtures, assets/packs) with the mode byte each target reads
first (see tests/fuzz/*_fuzz.cpp), HTTP requests as curl sends them to `peiling-hub serve`, and
zips and multipart bodies as the console receives them. `make fuzz-seeds` merges them (libFuzzer's
-merge=1) into tests/fuzz/corpus/, which keeps only the inputs that add coverage.
"""
import io
import json
import pathlib
import sys
import zipfile

root = pathlib.Path(__file__).resolve().parents[3]
fixtures = root / "tests" / "fixtures"
out = pathlib.Path(sys.argv[1])


def write(target, name, data):
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def mode(byte, data):
    return bytes([byte]) + (data if isinstance(data, bytes) else data.encode())


# The fixture packs (formats 1.0 and 1.1, valid and each way of invalid); the bundled packs are left
# out, since at 60-100 KB each they would make the corpus large and add little the fixtures lack.
for path in sorted((fixtures / "packs").glob("*.json")) + sorted((fixtures / "packs" / "invalid").glob("*.json")):
    name = path.relative_to(fixtures / "packs").as_posix().replace("/", "_")
    write("pack", "raw-" + name, mode(0, path.read_bytes()))
    if path.name.startswith("valid-"):
        write("pack", "signed-" + name, mode(2, path.read_bytes()))
write("pack", "signed-file-wrong-key", mode(1, json.dumps({
    "format": "peiling.signed-pack/1", "hub_key": "KGRngKsr/xj16UOkjZOzdMqqMQs74udXa6bbMO5wJ+4=",
    "signature": "SVkjfW9EFjD2zVmjtHKMj1NHs5FSZt40p0yk0DVU5hwEV/r9+WAUhF0RfmpgpstBJ02Q4DRX7WO1QpZsy0jmBg==",
    "payload": (fixtures / "packs" / "valid-minimal.json").read_text()})))

batches = sorted((fixtures / "batches").glob("*.json"))
for path in batches:
    envelope = json.loads(path.read_text())
    write("batch", "file-" + path.name, mode(0, path.read_bytes()))
    if "payload" in envelope:
        write("batch", "plain-" + path.name, mode(1, envelope["payload"]))
        write("batch", "sealed-" + path.name, mode(2, envelope["payload"]))

ack_payload = json.dumps({"created_at": "2009-11-13T17:00:00.000Z", "batches": [
    {"device_id": "39c3cc87-6046-4498-9ad4-ab554c514c1c", "seq": 1,
     "payload_sha256": "88749f5f3a4db444615380fcb5d8ff668ed18f209a77d5a17d7f4200a544fc47"}]})
write("ack", "signed-one-batch", mode(1, ack_payload))
write("ack", "signed-empty", mode(1, '{"created_at":"2009-11-13T17:00:00Z","batches":[]}'))
write("ack", "file-wrong-key", mode(0, json.dumps({
    "format": "peiling.ack/1", "hub_key": "KGRngKsr/xj16UOkjZOzdMqqMQs74udXa6bbMO5wJ+4=",
    "signature": "SVkjfW9EFjD2zVmjtHKMj1NHs5FSZt40p0yk0DVU5hwEV/r9+WAUhF0RfmpgpstBJ02Q4DRX7WO1QpZsy0jmBg==",
    "payload": ack_payload})))

# The hub's pack states: the list GET /api/v1/packs answers (mode 0), and the same list as the
# signed payload of a stick's states file (mode 2); a file signed by another key (mode 1).
states = json.dumps([
    {"id": "conference-2009-11-13", "version": 2, "state": "closing", "closes_at": "2009-11-13T17:00:00Z",
     "rehearsal": False, "changed_at": "2009-11-13T15:00:00Z"},
    {"id": "fixture-minimal", "version": 3, "state": "closed", "rehearsal": True},
    {"id": "follow-up", "version": 1}])
write("states", "list", mode(0, states))
write("states", "signed-list", mode(2, states))
write("states", "signed-empty", mode(2, "[]"))
write("states", "file-wrong-key", mode(1, json.dumps({
    "format": "peiling.pack-states/1", "hub_key": "KGRngKsr/xj16UOkjZOzdMqqMQs74udXa6bbMO5wJ+4=",
    "signature": "A" * 86 + "==", "payload": states})))

contacts = json.dumps({"contacts": [{"pack": "fixture-minimal", "email": "organiser@example.nl"},
                                    {"pack": "conference-2009-11-13", "email": "a.jansen@example.org"}]})
write("contact", "file-plain", mode(0, json.dumps({"format": "peiling.contacts/1", "plain": contacts})))
write("contact", "file-sealed-elsewhere", mode(0, json.dumps({"format": "peiling.contacts/1",
                                                               "sealed": "c2VhbGVkIHRvIGFub3RoZXIgaHVi"})))
write("contact", "plain", mode(1, contacts))
write("contact", "sealed", mode(2, contacts))

plain_batch = (fixtures / "batches" / "plain.json").read_bytes()
agent = "Host: 127.0.0.1:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n"
requests = {
    "health": "GET /api/v1/health HTTP/1.1\r\n" + agent + "\r\n",
    "packs": "GET /api/v1/packs HTTP/1.1\r\n" + agent + "Authorization: Bearer fuzz-token\r\n\r\n",
    "pack-file": "GET /api/v1/packs/fixture-minimal/3 HTTP/1.1\r\n" + agent +
                 "Authorization: Bearer fuzz-token\r\n\r\n",
    "pack-unknown": "GET /api/v1/packs/no-such/x HTTP/1.1\r\n" + agent + "Authorization: Bearer fuzz-token\r\n\r\n",
    "live-nl": "GET /live?lang=nl HTTP/1.1\r\n" + agent + "\r\n",
    "live-bad-lang": "GET /live?lang=fr&x=%41+b HTTP/1.1\r\n" + agent + "\r\n",
    "no-token": "GET /api/v1/packs HTTP/1.1\r\n" + agent + "\r\n",
    "wrong-method": "DELETE /api/v1/batches HTTP/1.1\r\n" + agent + "Authorization: Bearer fuzz-token\r\n\r\n",
    "too-large": "POST /api/v1/batches HTTP/1.1\r\n" + agent +
                 "Authorization: Bearer fuzz-token\r\nContent-Length: 99999999999\r\n\r\n",
}
# The console, signed in: the target puts its organiser's session and form token in place of
# @SESSION@ and @CSRF@ (tests/fuzz/http_fuzz.cpp).
session = "Cookie: peiling_session=@SESSION@\r\n"
for page in ["overview", "devices", "import", "reports", "contacts", "backup", "audit", "packs",
             "assets/console.css", "reports/download?format=csv&lang=nl"]:
    requests["console-" + page.split("?")[0].replace("/", "-")] = (
        "GET /console/" + page + " HTTP/1.1\r\n" + agent + session + "\r\n")
requests["console-sign-in"] = "GET /console/sign-in?lang=nl HTTP/1.1\r\n" + agent + "\r\n"
requests["console-not-signed-in"] = "GET /console/overview HTTP/1.1\r\n" + agent + "\r\n"
form = "csrf=@CSRF@&device=39c3cc87-6046-4498-9ad4-ab554c514c1c&label=Tablet+3"
requests["console-label"] = ("POST /console/devices/label HTTP/1.1\r\n" + agent + session +
                             "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s"
                             % (len(form), form))
requests["console-no-csrf"] = ("POST /console/devices/approve HTTP/1.1\r\n" + agent + session +
                               "Content-Type: application/x-www-form-urlencoded\r\n\r\ndevice=x")
for name, text in requests.items():
    write("http", name, text)
write("http", "post-batch", ("POST /api/v1/batches HTTP/1.1\r\n" + agent +
                             "Authorization: Bearer fuzz-token\r\nContent-Type: application/json\r\n"
                             "Content-Length: %d\r\n\r\n" % len(plain_batch)).encode() + plain_batch)
upload = ("--b7\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n@CSRF@\r\n--b7\r\n"
          "Content-Disposition: form-data; name=\"files\"; filename=\"plain.json\"\r\n"
          "Content-Type: application/json\r\n\r\n").encode() + plain_batch + b"\r\n--b7--\r\n"
write("http", "console-import", ("POST /console/import HTTP/1.1\r\n" + agent + session +
                                 "Content-Type: multipart/form-data; boundary=b7\r\n\r\n").encode() + upload)
write("http", "post-not-json", "POST /api/v1/batches HTTP/1.1\r\n" + agent +
      "Authorization: Bearer fuzz-token\r\nContent-Length: 5\r\n\r\nhello")

write("script", "every-command", """# every command once
tap "Begin"
tap_at 100 200
drag 10 20 30 40 250
finger_tap "Next"
finger_drag 1 2 3 4
long_press "Welcome"
wheel 300 400 -3
type "Hallo \\"wereld\\"\\n"
key ctrl+a
wait 90000
expect "Dank"
expect_not "Fout"
screenshot out.png
measure "Begin"
list_widgets
resize 600 900
""")
write("script", "errors", 'tap\nwheel 1 2 0\nfly "away"\ntype "open\nwait -5\n')

for path in sorted((root / "assets" / "packs").glob("*.xlsx")):
    write("workbook", path.name, path.read_bytes())


def zip_of(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


stick = {"batches/" + p.name: p.read_bytes() for p in batches}
stick["contacts/peiling-contacts-39c3cc87.json"] = json.dumps({"format": "peiling.contacts/1", "plain": contacts})
stick["acks/peiling-ack-0000.json"] = "{}"
stick[".hidden.json"] = "{}"
(out / "zip").mkdir(parents=True, exist_ok=True)
write("zip", "stick", mode(1, zip_of(stick)))
write("zip", "archive", mode(0, zip_of({"a/b.txt": "text", "c.json": "{}"})))
write("zip", "climbs-out", mode(1, zip_of({"../outside.json": plain_batch})))

boundary = "----peiling7d9"
body = ("--" + boundary + "\r\n"
        'Content-Disposition: form-data; name="csrf"\r\n\r\ntoken123\r\n'
        "--" + boundary + "\r\n"
        'Content-Disposition: form-data; name="files"; filename="peiling-1.json"\r\n'
        "Content-Type: application/json\r\n\r\n").encode() + plain_batch + (
        "\r\n--" + boundary + "\r\n"
        "Content-Disposition: form-data; name=\"files\"; filename*=UTF-8''st%C3%ADck.zip\r\n"
        "Content-Type: application/zip\r\n\r\nPK\x03\x04\r\n--" + boundary + "--\r\n").encode()
write("multipart", "upload", ("multipart/form-data; boundary=" + boundary + "\n").encode() + body)
write("multipart", "quoted-boundary", ('multipart/form-data; boundary="' + boundary + '"\n').encode() + body)
write("multipart", "bad-name", ("multipart/form-data; boundary=x\n--x\r\nContent-Disposition: form-data; "
                                'name="f"; filename="../../etc/passwd"\r\n\r\nroot\r\n--x--\r\n'))
