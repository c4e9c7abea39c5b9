#include "neurons/Ansatz.hpp"

#include "common/Error.hpp"

namespace sqsnn {

Circuit makeAnsatz(const AnsatzSpec &spec, int ioQubits, int memoryQubits)
{
    Circuit c;
    c.numQubits = ioQubits + memoryQubits;
    const int N = ioQubits, M = memoryQubits;
    if (spec.generator == "custom") {
        c.gates = spec.gates;
        c.validate("/ansatz/gates");
        return c;
    }
    if (spec.layers < 1)
        throw InputError("/ansatz/layers: must be at least 1, got " + std::to_string(spec.layers));
    int p = 0;
    auto rot = [&](GateKind k, int q0, int q1 = -1) { c.gates.push_back({k, q0, q1, p++, 0.0}); };
    if (spec.generator == "sqs-crx") {
        for (int l = 0; l < spec.layers; ++l) {
            for (int m = 0; m < M; ++m)
                for (int n = 0; n < N; ++n)
                    rot(GateKind::CRX, N + m, n);
            for (int m = 0; m < M; ++m)
                rot(GateKind::RX, N + m);
            for (int n = 0; n < N; ++n)
                rot(GateKind::RX, n);
        }
    } else if (spec.generator == "hardware-efficient") {
        const int Q = N + M;
        for (int l = 0; l < spec.layers; ++l) {
            for (int q = 0; q < Q; ++q) {
                rot(GateKind::RY, q);
                rot(GateKind::RZ, q);
            }
            if (Q == 2)
                c.gates.push_back({GateKind::CZ, 0, 1, -1, 0.0});
            else if (Q > 2)
                for (int q = 0; q < Q; ++q)
                    c.gates.push_back({GateKind::CZ, q, (q + 1) % Q, -1, 0.0});
        }
    } else {
        throw InputError("/ansatz/generator: must be \"sqs-crx\", \"hardware-efficient\" or "
                         "\"custom\", got \""
                         + spec.generator + "\"");
    }
    c.validate("/ansatz");
    return c;
}

} // namespace sqsnn
