#pragma once
// Register sizes and the refusal of sizes the machine cannot hold.
// A register of n qubits has 2^n amplitudes; qubit 0 is the most significant bit of a basis
// index, so qubit q sits at bit (n - 1 - q).
#include <complex>
#include <cstddef>
#include <string>

namespace sqsnn {

using cplx = std::complex<double>;

inline constexpr int kMaxQubits = 12;

// Throws InputError unless 1 <= n <= kMaxQubits; the message names the limit and the memory a
// state vector and a density matrix of n qubits would take. `what` names the field.
void checkQubitCount(int n, const char *what = "register");

// "16 TiB" style, for messages.
std::string humanBytes(double bytes);

inline std::size_t bitOf(int n, int q)
{
    return std::size_t(1) << (n - 1 - q);
}

} // namespace sqsnn
