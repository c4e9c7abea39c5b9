#pragma once
// A circuit is data: an ordered gate list on numQubits qubits, rotations bound to a parameter
// index or a fixed angle. Compiling it for a parameter vector gives its unitary, built gate by
// gate (once per parameter change, never per step).
#include "quantum/Gate.hpp"

#include <Eigen/Dense>

#include <span>
#include <vector>

namespace sqsnn {

struct Circuit
{
    int numQubits = 0;
    std::vector<Gate> gates;

    // 1 + the largest parameter index used (0 when no gate is parametrised).
    int paramCount() const;
    // Throws InputError if a gate's qubits are out of range or repeated, or a non-rotation gate
    // is bound to a parameter. `where` prefixes the message (e.g. "/ansatz/gates").
    void validate(const std::string &where = "circuit") const;
    // The angle a rotation gate takes under the given parameters.
    double angleOf(const Gate &g, std::span<const double> params) const
    {
        return g.param >= 0 ? params[g.param] : g.angle;
    }

    bool operator==(const Circuit &) const = default;
};

// The 2^n x 2^n unitary of the circuit (qubit 0 most significant), built by applying each gate
// in place to the columns of the identity. n <= kMaxQubits.
Eigen::MatrixXcd compileUnitary(const Circuit &circuit, std::span<const double> params);

} // namespace sqsnn
