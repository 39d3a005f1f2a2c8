#pragma once
// Passphrases and passwords for the command line: read from the terminal without echo, or from a
// file (`--passphrase-file F`, for scripts and tests), never from an argument, which other users
// of the machine could read in the process list.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace peiling::hub {

struct SecretRequest {
  std::string noun = "passphrase";  // in prompts and messages: "passphrase", "password"
  std::size_t min_chars = 1;        // UTF-8 characters
  bool confirm = false;             // ask twice on the terminal; a new secret is mistyped unseen
};

// The first line of file (without its line ending) when given, else what is typed on the
// controlling terminal. Errors say what to do: too short, the two entries differ, no terminal.
Result<std::string> read_secret(const std::optional<std::filesystem::path>& file,
                                const SecretRequest& request);

}  // namespace peiling::hub
