#include "quantum/Gate.hpp"

#include <array>

namespace sqsnn {

namespace {
struct GateInfo
{
    GateKind kind;
    std::string_view name;
    int qubits;
};
constexpr std::array<GateInfo, 15> kGates{{
    {GateKind::RX, "RX", 1},   {GateKind::RY, "RY", 1},     {GateKind::RZ, "RZ", 1},
    {GateKind::H, "H", 1},     {GateKind::X, "X", 1},       {GateKind::Y, "Y", 1},
    {GateKind::Z, "Z", 1},     {GateKind::S, "S", 1},       {GateKind::T, "T", 1},
    {GateKind::CNOT, "CNOT", 2}, {GateKind::CZ, "CZ", 2},   {GateKind::CRX, "CRX", 2},
    {GateKind::CRY, "CRY", 2}, {GateKind::CRZ, "CRZ", 2},   {GateKind::SWAP, "SWAP", 2},
}};
} // namespace

std::string_view gateName(GateKind kind)
{
    return kGates[static_cast<int>(kind)].name;
}

std::optional<GateKind> gateKindFromName(std::string_view name)
{
    for (const auto &g : kGates)
        if (g.name == name)
            return g.kind;
    if (name == "CX")
        return GateKind::CNOT;
    return std::nullopt;
}

int gateQubitCount(GateKind kind)
{
    return kGates[static_cast<int>(kind)].qubits;
}

bool isRotation(GateKind kind)
{
    switch (kind) {
    case GateKind::RX:
    case GateKind::RY:
    case GateKind::RZ:
    case GateKind::CRX:
    case GateKind::CRY:
    case GateKind::CRZ:
        return true;
    default:
        return false;
    }
}

bool isControlledRotation(GateKind kind)
{
    return kind == GateKind::CRX || kind == GateKind::CRY || kind == GateKind::CRZ;
}

} // namespace sqsnn
