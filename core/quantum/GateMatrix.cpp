#include "quantum/GateMatrix.hpp"

#include <cassert>
#include <cmath>

namespace sqsnn {

namespace {
const cplx I1(0.0, 1.0);
Mat2 make(cplx a, cplx b, cplx c, cplx d)
{
    Mat2 m;
    m << a, b, c, d;
    return m;
}
} // namespace

Mat2 gateMatrix(GateKind kind, double a)
{
    const double c = std::cos(a / 2), s = std::sin(a / 2);
    const double r = 1.0 / std::sqrt(2.0);
    switch (kind) {
    case GateKind::RX:
    case GateKind::CRX:
        return make(c, -I1 * s, -I1 * s, c);
    case GateKind::RY:
    case GateKind::CRY:
        return make(c, -s, s, c);
    case GateKind::RZ:
    case GateKind::CRZ:
        return make(std::exp(-I1 * (a / 2)), 0.0, 0.0, std::exp(I1 * (a / 2)));
    case GateKind::H:
        return make(r, r, r, -r);
    case GateKind::X:
    case GateKind::CNOT:
        return make(0.0, 1.0, 1.0, 0.0);
    case GateKind::Y:
        return make(0.0, -I1, I1, 0.0);
    case GateKind::Z:
    case GateKind::CZ:
        return make(1.0, 0.0, 0.0, -1.0);
    case GateKind::S:
        return make(1.0, 0.0, 0.0, I1);
    case GateKind::T:
        return make(1.0, 0.0, 0.0, std::exp(I1 * (M_PI / 4)));
    case GateKind::SWAP:
        break;
    }
    assert(false && "SWAP has no 2x2 matrix");
    return Mat2::Identity();
}

Mat2 rotationGenerator(GateKind kind)
{
    switch (kind) {
    case GateKind::RX:
    case GateKind::CRX:
        return gateMatrix(GateKind::X, 0);
    case GateKind::RY:
    case GateKind::CRY:
        return gateMatrix(GateKind::Y, 0);
    default:
        return gateMatrix(GateKind::Z, 0);
    }
}

} // namespace sqsnn
