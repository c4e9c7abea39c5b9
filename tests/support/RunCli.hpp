#pragma once
// Runs the real `sqsnn` binary (SQSNN_CLI) with arguments and collects its exit status,
// standard output and standard error, for the CLI tests.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace sqsnn::test {

struct CliRun
{
    int status = -1;
    std::string out, err;
};

inline CliRun runCli(const std::string &args)
{
    const auto errPath = std::filesystem::temp_directory_path()
                         / ("sqsnn-cli-err-" + std::to_string(::getpid()));
    const std::string cmd = std::string(SQSNN_CLI) + " " + args + " 2>" + errPath.string();
    CliRun r;
    FILE *pipe = ::popen(cmd.c_str(), "r");
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0)
        r.out.append(buf.data(), n);
    const int st = ::pclose(pipe);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    std::stringstream e;
    e << std::ifstream(errPath).rdbuf();
    r.err = e.str();
    std::filesystem::remove(errPath);
    return r;
}

} // namespace sqsnn::test
