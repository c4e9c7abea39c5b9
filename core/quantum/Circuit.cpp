#include "quantum/Circuit.hpp"

#include "common/Error.hpp"
#include "quantum/Kernels.hpp"

#include <algorithm>
#include <cmath>

namespace sqsnn {

int Circuit::paramCount() const
{
    int n = 0;
    for (const auto &g : gates)
        n = std::max(n, g.param + 1);
    return n;
}

void Circuit::validate(const std::string &where) const
{
    checkQubitCount(numQubits, where.c_str());
    for (std::size_t i = 0; i < gates.size(); ++i) {
        const Gate &g = gates[i];
        const std::string at = where + "/" + std::to_string(i) + " (" + std::string(gateName(g.kind))
                               + ")";
        const int k = gateQubitCount(g.kind);
        auto checkQubit = [&](int q) {
            if (q < 0 || q >= numQubits)
                throw InputError(at + ": qubit " + std::to_string(q) + " is out of range 0.."
                                 + std::to_string(numQubits - 1));
        };
        checkQubit(g.q0);
        if (k == 2) {
            checkQubit(g.q1);
            if (g.q0 == g.q1)
                throw InputError(at + ": control and target are the same qubit "
                                 + std::to_string(g.q0));
        } else if (g.q1 != -1) {
            throw InputError(at + ": a one-qubit gate takes one qubit");
        }
        if (!isRotation(g.kind) && g.param >= 0)
            throw InputError(at + ": only rotations take a parameter");
        if (isRotation(g.kind) && g.param < 0 && !std::isfinite(g.angle))
            throw InputError(at + ": the angle must be a finite number");
    }
}

Eigen::MatrixXcd compileUnitary(const Circuit &circuit, std::span<const double> params)
{
    const int n = circuit.numQubits;
    checkQubitCount(n, "circuit");
    if (int(params.size()) < circuit.paramCount())
        throw InputError("circuit: needs " + std::to_string(circuit.paramCount())
                         + " parameters, got " + std::to_string(params.size()));
    const Eigen::Index dim = Eigen::Index(1) << n;
    Eigen::MatrixXcd u = Eigen::MatrixXcd::Identity(dim, dim);
    for (const auto &g : circuit.gates) {
        const ResolvedGate r = resolveGate(g, circuit.angleOf(g, params));
        for (Eigen::Index j = 0; j < dim; ++j)
            applyToVector(u.col(j).data(), n, r);
    }
    return u;
}

} // namespace sqsnn
