#include "hub/hub_server.hpp"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include <atomic>
#include <cctype>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>

#include "core/json_file.hpp"

namespace peiling::hub {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxSecretFileBytes = 1 << 20;

// "127.0.0.1:8080" → host and port; false when it is not an IPv4 address and a port.
bool parse_listen_address(const std::string& text, std::string& host, std::uint16_t& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  in_addr address{};
  const std::string host_part = text.substr(0, colon);
  if (inet_pton(AF_INET, host_part.c_str(), &address) != 1) return false;
  const std::string port_part = text.substr(colon + 1);
  unsigned value = 0;
  const auto end = port_part.data() + port_part.size();
  if (port_part.empty() || std::from_chars(port_part.data(), end, value).ptr != end || value > 65535)
    return false;
  host = host_part;
  port = static_cast<std::uint16_t>(value);
  return true;
}

// A secret's text without the white space around it; fails when the file cannot be read or holds
// nothing else.
Result<std::string> read_secret_file(const std::filesystem::path& file) {
  auto text = read_text_file(file, kMaxSecretFileBytes);
  if (!text) return text.errors();
  const std::string& value = text.value();
  const auto first = value.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return Result<std::string>::failure(file.string() + " is empty");
  return value.substr(first, value.find_last_not_of(" \t\r\n") - first + 1);
}

// One request, from its first header callback until MHD reports it completed.
struct Request {
  Clock::time_point started = Clock::now();
  HttpRequest http;
  std::size_t reserved = 0;  // bytes counted against the budget of bodies in flight
  int status = 0;            // 0: no answer was sent (the connection was closed)
  std::string device_id;
  std::int64_t seq = 0;
};

}  // namespace

struct HubServer::State {
  HubApi& api;
  ServerOptions options;
  MHD_Daemon* daemon = nullptr;
  std::string cert, key;  // MHD keeps pointers to them
  std::atomic<std::size_t> body_bytes{0};
  std::mutex mutex;
  std::condition_variable idle;
  int in_flight = 0;

  State(HubApi& hub_api, ServerOptions server_options) : api(hub_api), options(std::move(server_options)) {}

  // Counts bytes of bodies being received; false when the budget is spent.
  bool reserve(Request& request, std::size_t bytes) {
    const std::size_t total = body_bytes.fetch_add(bytes) + bytes;
    if (total > options.limits.max_bodies_in_flight_bytes) {
      body_bytes.fetch_sub(bytes);
      return false;
    }
    request.reserved += bytes;
    return true;
  }

  void log(const Request& request) {
    if (!options.log) return;
    const auto ms = std::chrono::duration<double, std::milli>(Clock::now() - request.started).count();
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1fms", ms);
    options.log(request.http.method + " " + request.http.path + " " +
                (request.status ? std::to_string(request.status) : std::string("closed")) +
                " device=" + (request.device_id.empty() ? "-" : request.device_id) +
                " seq=" + (request.seq ? std::to_string(request.seq) : std::string("-")) + " " + duration);
  }
};

namespace {

MHD_Result send(MHD_Connection* connection, Request& request, const HttpResponse& answer) {
  request.status = answer.status;
  request.device_id = answer.device_id;
  request.seq = answer.seq;
  MHD_Response* response = MHD_create_response_from_buffer(
      answer.body.size(), const_cast<char*>(answer.body.data()), MHD_RESPMEM_MUST_COPY);
  if (!response) return MHD_NO;
  MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, answer.content_type.c_str());
  for (const auto& [name, value] : answer.headers)
    MHD_add_response_header(response, name.c_str(), value.c_str());
  if (answer.status == 503) MHD_add_response_header(response, MHD_HTTP_HEADER_RETRY_AFTER, "5");
  const MHD_Result queued = MHD_queue_response(connection, static_cast<unsigned>(answer.status), response);
  MHD_destroy_response(response);
  return queued;
}

MHD_Result add_query(void* cls, MHD_ValueKind, const char* key, const char* value) {
  static_cast<QueryParams*>(cls)->insert_or_assign(key, value ? value : "");
  return MHD_YES;
}

MHD_Result add_header(void* cls, MHD_ValueKind, const char* key, const char* value) {
  std::string name = key;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static_cast<HttpRequest*>(cls)->headers.insert_or_assign(std::move(name), value ? value : "");
  return MHD_YES;
}

std::string client_address(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (!info || !info->client_addr || info->client_addr->sa_family != AF_INET) return "-";
  char text[INET_ADDRSTRLEN] = {};
  const auto* address = reinterpret_cast<const sockaddr_in*>(info->client_addr);
  return inet_ntop(AF_INET, &address->sin_addr, text, sizeof text) ? text : "-";
}

std::optional<std::uint64_t> content_length(MHD_Connection* connection) {
  const char* value =
      MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  if (!value) return std::nullopt;
  std::uint64_t length = 0;
  const auto end = value + std::strlen(value);
  if (std::from_chars(value, end, length).ptr != end) return std::nullopt;
  return length;
}

MHD_Result on_request(void* cls, MHD_Connection* connection, const char* url, const char* method, const char*,
                      const char* upload_data, size_t* upload_data_size, void** request_slot) {
  auto& state = *static_cast<HubServer::State*>(cls);
  auto* request = static_cast<Request*>(*request_slot);
  if (!request) {
    request = new Request;
    *request_slot = request;
    {
      std::lock_guard guard(state.mutex);
      ++state.in_flight;
    }
    request->http.method = method;
    request->http.path = url;
    const int headers = MHD_get_connection_values(connection, MHD_HEADER_KIND, nullptr, nullptr);
    if (headers < 0 || static_cast<std::size_t>(headers) > state.options.limits.max_header_fields) {
      return send(
          connection, *request,
          error_response(431, "The request has " + std::to_string(headers) + " header fields; at most " +
                                  std::to_string(state.options.limits.max_header_fields) + " are read."));
    }
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, add_query, &request->http.query);
    MHD_get_connection_values(connection, MHD_HEADER_KIND, add_header, &request->http);
    request->http.client_address = client_address(connection);
    request->http.tls = state.options.tls_cert_pem.has_value();
    if (const char* authorization =
            MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION)) {
      request->http.bearer_token = bearer_token(authorization);
    }
    const auto length = content_length(connection);
    if (auto refused = state.api.check_head(method, url, request->http.bearer_token, length)) {
      return send(connection, *request, *refused);
    }
    if (length && !state.reserve(*request, *length)) {
      return send(connection, *request,
                  error_response(503, "The hub is receiving too much at once; try again shortly."));
    }
    if (length) request->http.body.reserve(*length);
    return MHD_YES;
  }
  if (*upload_data_size > 0) {
    const std::size_t size = *upload_data_size;
    *upload_data_size = 0;
    const std::size_t body = request->http.body.size() + size;
    // Past the limit, or past a declared length (MHD checks that too), or past the budget:
    // the body is cut off by closing the connection, since MHD cannot answer mid-body.
    if (body > kMaxRequestBodyBytes) return MHD_NO;
    if (body > request->reserved && !state.reserve(*request, body - request->reserved)) return MHD_NO;
    request->http.body.append(upload_data, size);
    return MHD_YES;
  }
  const HttpResponse answer = state.api.handle(request->http);
  if (answer.close_without_answer) {
    request->device_id = answer.device_id;
    request->seq = answer.seq;
    return MHD_NO;
  }
  return send(connection, *request, answer);
}

// libmicrohttpd's own messages (a connection it closed, a TLS handshake that failed) go to the
// same log as the requests.
void on_library_message(void* cls, const char* format, va_list arguments) {
  auto& state = *static_cast<HubServer::State*>(cls);
  if (!state.options.log) return;
  char message[512];
  std::vsnprintf(message, sizeof message, format, arguments);
  std::string line = std::string("libmicrohttpd: ") + message;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  state.options.log(line);
}

void on_completed(void* cls, MHD_Connection*, void** request_slot, MHD_RequestTerminationCode) {
  auto& state = *static_cast<HubServer::State*>(cls);
  auto* request = static_cast<Request*>(*request_slot);
  if (!request) return;
  *request_slot = nullptr;
  state.log(*request);
  state.body_bytes.fetch_sub(request->reserved);
  delete request;
  std::lock_guard guard(state.mutex);
  if (--state.in_flight == 0) state.idle.notify_all();
}

}  // namespace

HubServer::HubServer(std::unique_ptr<State> state) : state_(std::move(state)) {}

HubServer::~HubServer() {
  stop(0);
}

Result<std::unique_ptr<HubServer>> HubServer::start(HubApi& api, ServerOptions options) {
  auto state = std::make_unique<State>(api, std::move(options));
  const ServerOptions& o = state->options;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(o.port);
  if (inet_pton(AF_INET, o.host.c_str(), &address.sin_addr) != 1) {
    return Result<std::unique_ptr<HubServer>>::failure(o.host + " is not an IPv4 address to listen on");
  }
  unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
  const bool tls = o.tls_cert_pem && o.tls_key_pem;
  if (tls) {
    flags |= MHD_USE_TLS;
    state->cert = *o.tls_cert_pem;
    state->key = *o.tls_key_pem;
  }
  const MHD_OptionItem tls_items[] = {
      {MHD_OPTION_HTTPS_MEM_CERT, 0, state->cert.data()},
      {MHD_OPTION_HTTPS_MEM_KEY, 0, state->key.data()},
      {MHD_OPTION_END, 0, nullptr},
  };
  const MHD_OptionItem no_items[] = {{MHD_OPTION_END, 0, nullptr}};
  state->daemon = MHD_start_daemon(flags, 0, nullptr, nullptr, &on_request, state.get(),  //
                                   MHD_OPTION_EXTERNAL_LOGGER, &on_library_message,
                                   state.get(),  // first, so it sees every message
                                   MHD_OPTION_SOCK_ADDR, reinterpret_cast<const sockaddr*>(&address),     //
                                   MHD_OPTION_CONNECTION_MEMORY_LIMIT, o.limits.connection_memory_bytes,  //
                                   MHD_OPTION_CONNECTION_LIMIT, o.limits.max_connections,                 //
                                   MHD_OPTION_PER_IP_CONNECTION_LIMIT, o.limits.max_connections_per_ip,   //
                                   MHD_OPTION_CONNECTION_TIMEOUT, o.limits.idle_timeout_seconds,          //
                                   MHD_OPTION_THREAD_POOL_SIZE, o.limits.threads,                         //
                                   MHD_OPTION_NOTIFY_COMPLETED, &on_completed, state.get(),               //
                                   MHD_OPTION_ARRAY, tls ? tls_items : no_items,                          //
                                   MHD_OPTION_END);
  if (!state->daemon) {
    return Result<std::unique_ptr<HubServer>>::failure("cannot listen on " + o.host + ":" +
                                                       std::to_string(o.port) +
                                                       " (in use, or not an address of this machine)");
  }
  return std::unique_ptr<HubServer>(new HubServer(std::move(state)));
}

std::uint16_t HubServer::port() const {
  const MHD_DaemonInfo* info = MHD_get_daemon_info(state_->daemon, MHD_DAEMON_INFO_BIND_PORT);
  return info ? info->port : 0;
}

void HubServer::stop(int wait_seconds) {
  if (!state_ || !state_->daemon) return;
  const MHD_socket listening = MHD_quiesce_daemon(state_->daemon);
  if (listening != MHD_INVALID_SOCKET) close(listening);
  {
    std::unique_lock lock(state_->mutex);
    state_->idle.wait_for(lock, std::chrono::seconds(wait_seconds), [&] { return state_->in_flight == 0; });
  }
  MHD_stop_daemon(state_->daemon);
  state_->daemon = nullptr;
}

Result<ServeSetup> serve_setup(const std::filesystem::path& db, const ServeArguments& arguments) {
  using Setup = Result<ServeSetup>;
  ServeSetup setup;
  if (!parse_listen_address(arguments.listen, setup.server.host, setup.server.port)) {
    return Setup::failure("--listen " + arguments.listen +
                          ": expected an IPv4 address and a port, like 127.0.0.1:8080");
  }
  if (arguments.tls_cert.empty() != arguments.tls_key.empty())
    return Setup::failure("--tls-cert and --tls-key go together");
  Errors problems;
  const auto secret = [&problems](const std::string& file,
                                  const std::string& option) -> std::optional<std::string> {
    auto text = read_secret_file(file);
    if (text) return text.value();
    problems.lines.push_back(option + ": " + text.errors().joined("; "));
    return std::nullopt;
  };
  if (!arguments.tls_cert.empty()) {
    setup.server.tls_cert_pem = secret(arguments.tls_cert, "--tls-cert");
    setup.server.tls_key_pem = secret(arguments.tls_key, "--tls-key");
    if (!problems.lines.empty()) return problems;
  }
  setup.api.db = db;
  setup.api.strict = arguments.strict;
  setup.api.drop_first_acks = arguments.test_drop_acks;
  if (!arguments.token_file.empty()) {
    setup.api.token = secret(arguments.token_file, "--token-file");
    if (!problems.lines.empty()) return problems;
  }
  if (!arguments.pack_file.empty()) {
    auto loaded = load_pack_file(arguments.pack_file);
    if (!loaded) return Setup::failure("--pack-file: " + loaded.errors().joined("; "));
    setup.live_pack = std::move(loaded->pack);
  }
  return setup;
}

}  // namespace peiling::hub
