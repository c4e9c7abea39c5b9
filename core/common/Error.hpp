#pragma once
// The core's one small exception family. Every message names the file, field or value at
// fault, so the GUI and the CLI can show it as is.
//   InputError    : the user's input is wrong (bad spec, bad file, bad size). CLI exit code 2.
//   InternalError : a broken invariant inside the lab. CLI exit code 1.
#include <stdexcept>
#include <string>

namespace sqsnn {

class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class InputError : public Error
{
public:
    using Error::Error;
};

class InternalError : public Error
{
public:
    using Error::Error;
};

} // namespace sqsnn
