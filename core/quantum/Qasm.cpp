#include "quantum/Qasm.hpp"

#include "common/Error.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <regex>
#include <sstream>

namespace sqsnn {

namespace {

std::string lower(std::string_view s)
{
    std::string r(s);
    for (auto &c : r)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return r;
}

std::string qasmName(GateKind k)
{
    return k == GateKind::CNOT ? "cx" : lower(gateName(k));
}

std::string angle(double a)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", a);
    return buf;
}

} // namespace

std::string writeQasm(const QasmNeuronProgram &p)
{
    const int N = p.ioQubits, n = p.ioQubits + p.memoryQubits, T = int(p.inputs.size());
    std::ostringstream o;
    o << "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";
    o << "// " << p.title << "\n";
    o << "// SQS neuron: q[0.." << N - 1 << "] I/O qubits, q[" << N << ".." << n - 1
      << "] memory qubits; " << T << " time steps; spikes[t*" << N << " + n] is I/O qubit n at "
      << "step t (from 0).\n";
    o << "qubit[" << n << "] q;\n";
    o << "bit[" << T * N << "] spikes;\n";
    for (int t = 0; t < T; ++t) {
        o << "// step " << t + 1 << "\n";
        for (int q = 0; q < N; ++q)
            if (p.inputs[t][q] > 0)
                o << "rx(" << angle(M_PI * p.inputs[t][q]) << ") q[" << q << "]; // input z = "
                  << p.inputs[t][q] << "\n";
        for (const auto &g : p.circuit.gates) {
            o << qasmName(g.kind);
            if (isRotation(g.kind))
                o << "(" << angle(p.circuit.angleOf(g, p.params)) << ")";
            o << " q[" << g.q0 << "]";
            if (gateQubitCount(g.kind) == 2)
                o << ", q[" << g.q1 << "]";
            o << ";\n";
        }
        for (int q = 0; q < N; ++q)
            o << "spikes[" << t * N + q << "] = measure q[" << q << "];\n";
        for (int q = 0; q < N; ++q)
            o << "reset q[" << q << "];\n";
    }
    return o.str();
}

QasmProgram readQasm(const std::string &text, const std::string &source)
{
    static const std::regex qubitDecl(R"(qubit\[(\d+)\]\s+q)");
    static const std::regex bitDecl(R"(bit\[(\d+)\]\s+spikes)");
    static const std::regex measure(R"(spikes\[(\d+)\]\s*=\s*measure\s+q\[(\d+)\])");
    static const std::regex reset(R"(reset\s+q\[(\d+)\])");
    static const std::regex gate(
        R"(([a-z]+)\s*(?:\(\s*([-+0-9.eE]+)\s*\))?\s+q\[(\d+)\]\s*(?:,\s*q\[(\d+)\])?)");
    QasmProgram prog;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    auto fail = [&](const std::string &what) {
        throw InputError(source + ": line " + std::to_string(lineNo) + ": " + what);
    };
    while (std::getline(in, line)) {
        ++lineNo;
        if (auto c = line.find("//"); c != std::string::npos)
            line.erase(c);
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
            line.pop_back();
        std::size_t b = 0;
        while (b < line.size() && std::isspace(static_cast<unsigned char>(line[b])))
            ++b;
        line.erase(0, b);
        if (line.empty())
            continue;
        if (line.back() != ';')
            fail("expected ';' at the end of the statement");
        line.pop_back();
        std::smatch m;
        if (line == "OPENQASM 3.0" || line == "OPENQASM 3" || line == "include \"stdgates.inc\"")
            continue;
        if (std::regex_match(line, m, qubitDecl)) {
            prog.qubits = std::stoi(m[1]);
            if (prog.qubits < 1 || prog.qubits > 30)
                fail("unsupported register size " + m[1].str());
            continue;
        }
        if (std::regex_match(line, m, bitDecl)) {
            prog.bits = std::stoi(m[1]);
            continue;
        }
        auto qubit = [&](const std::string &s) {
            const int q = std::stoi(s);
            if (q >= prog.qubits)
                fail("qubit q[" + s + "] is outside the register of " + std::to_string(prog.qubits));
            return q;
        };
        if (std::regex_match(line, m, measure)) {
            QasmOp op;
            op.kind = QasmOp::Measure;
            op.bit = std::stoi(m[1]);
            if (op.bit >= prog.bits)
                fail("bit spikes[" + m[1].str() + "] is outside the register");
            op.qubit = qubit(m[2]);
            prog.ops.push_back(op);
            continue;
        }
        if (std::regex_match(line, m, reset)) {
            QasmOp op;
            op.kind = QasmOp::Reset;
            op.qubit = qubit(m[1]);
            prog.ops.push_back(op);
            continue;
        }
        if (std::regex_match(line, m, gate)) {
            const std::string name = m[1];
            auto kind = name == "cx" ? std::optional(GateKind::CNOT) : gateKindFromName([&] {
                std::string u = name;
                for (auto &c : u)
                    c = char(std::toupper(static_cast<unsigned char>(c)));
                return u;
            }());
            if (!kind)
                fail("unknown gate '" + name + "'");
            QasmOp op;
            op.gate.kind = *kind;
            op.gate.q0 = qubit(m[3]);
            const bool two = gateQubitCount(*kind) == 2;
            if (two != m[4].matched)
                fail("'" + name + "' takes " + (two ? "two qubits" : "one qubit"));
            if (two)
                op.gate.q1 = qubit(m[4]);
            if (isRotation(*kind) != m[2].matched)
                fail("'" + name + "' " + (isRotation(*kind) ? "needs" : "takes no") + " angle");
            if (m[2].matched) {
                op.gate.angle = std::stod(m[2]);
                if (!std::isfinite(op.gate.angle))
                    fail("the angle is not a finite number");
            }
            prog.ops.push_back(op);
            continue;
        }
        fail("not part of the OpenQASM subset this reader accepts: '" + line + "'");
    }
    if (prog.qubits == 0)
        throw InputError(source + ": no qubit register declared");
    return prog;
}

} // namespace sqsnn
