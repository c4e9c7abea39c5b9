#pragma once
// The headless CLI's commands. Each returns the process exit code:
// 0 ok, 2 bad input (the message names the field or file at fault), 1 internal error.
#include <string>
#include <vector>

namespace sqsnn::cli {

using Args = std::vector<std::string>;

int neuronCommand(const Args &args);
int benchCommand(const Args &args);
int trainCommand(const Args &args);
int evalCommand(const Args &args);
int infoCommand(const Args &args);
int exportQasmCommand(const Args &args);
int experimentCommand(const Args &args);

} // namespace sqsnn::cli
