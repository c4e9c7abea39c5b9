#include "quantum/Register.hpp"

#include "common/Error.hpp"

#include <cmath>
#include <cstdio>

namespace sqsnn {

std::string humanBytes(double bytes)
{
    const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    int u = 0;
    while (bytes >= 1024.0 && u < 8) {
        bytes /= 1024.0;
        ++u;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, bytes < 10 && u > 0 ? "%.1f %s" : "%.0f %s", bytes, units[u]);
    return buf;
}

void checkQubitCount(int n, const char *what)
{
    if (n >= 1 && n <= kMaxQubits)
        return;
    if (n < 1)
        throw InputError(std::string(what) + ": a register needs at least 1 qubit, got "
                         + std::to_string(n));
    const double amps = std::ldexp(1.0, n);
    const double vec = amps * sizeof(cplx);
    const double rho = amps * amps * sizeof(cplx);
    throw InputError(std::string(what) + ": " + std::to_string(n)
                     + " qubits is more than the limit of " + std::to_string(kMaxQubits)
                     + "; its state vector would take " + humanBytes(vec)
                     + " and its density matrix or unitary " + humanBytes(rho));
}

} // namespace sqsnn
