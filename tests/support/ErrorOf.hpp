#pragma once
// The message of the InputError a callable throws, or "(no InputError)": for tests that check
// what a bad input is told.
#include "common/Error.hpp"

#include <string>

namespace sqsnn::test {

template<typename F>
std::string errorOf(F f)
{
    try {
        f();
    } catch (const InputError &e) {
        return e.what();
    }
    return "(no InputError)";
}

} // namespace sqsnn::test
