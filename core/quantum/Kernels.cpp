#include "quantum/Kernels.hpp"

#include "quantum/Register.hpp"

#include <cassert>
#include <utility>

namespace sqsnn {

ResolvedGate resolveGate(const Gate &g, double angle)
{
    ResolvedGate r;
    if (g.kind == GateKind::SWAP) {
        r.swap = true;
        r.target = g.q0;
        r.other = g.q1;
        return r;
    }
    if (gateQubitCount(g.kind) == 2) {
        r.control = g.q0;
        r.target = g.q1;
    } else {
        r.target = g.q0;
    }
    r.u = gateMatrix(g.kind, angle);
    return r;
}

namespace {

// Calls f(i0, i1) for every pair of basis indices that differ only in the target bit (i0 with
// the bit clear), restricted to those whose control bit is set.
template<class F>
inline void forEachPair(int n, const ResolvedGate &g, F &&f)
{
    const std::size_t dim = std::size_t(1) << n;
    const std::size_t tb = bitOf(n, g.target);
    const std::size_t cb = g.control >= 0 ? bitOf(n, g.control) : 0;
    for (std::size_t base = 0; base < dim; base += 2 * tb) {
        for (std::size_t i0 = base; i0 < base + tb; ++i0) {
            if (cb && !(i0 & cb))
                continue;
            f(i0, i0 | tb);
        }
    }
}

template<class F>
inline void forEachSwapPair(int n, const ResolvedGate &g, F &&f)
{
    const std::size_t dim = std::size_t(1) << n;
    const std::size_t a = bitOf(n, g.target), b = bitOf(n, g.other);
    for (std::size_t i = 0; i < dim; ++i)
        if ((i & a) && !(i & b))
            f(i, (i & ~a) | b);
}

inline void mul2(const Mat2 &u, cplx &x, cplx &y)
{
    const cplx a = x, b = y;
    x = u(0, 0) * a + u(0, 1) * b;
    y = u(1, 0) * a + u(1, 1) * b;
}

} // namespace

void applyToVector(cplx *v, int n, const ResolvedGate &g)
{
    if (g.swap) {
        forEachSwapPair(n, g, [&](std::size_t i, std::size_t j) { std::swap(v[i], v[j]); });
        return;
    }
    const Mat2 u = g.u;
    forEachPair(n, g, [&](std::size_t i0, std::size_t i1) { mul2(u, v[i0], v[i1]); });
}

void applyAdjointToVector(cplx *v, int n, const ResolvedGate &g)
{
    if (g.swap) {
        applyToVector(v, n, g);
        return;
    }
    const Mat2 u = g.u.adjoint();
    forEachPair(n, g, [&](std::size_t i0, std::size_t i1) { mul2(u, v[i0], v[i1]); });
}

void applyToDensity(Eigen::MatrixXcd &rho, int n, const ResolvedGate &g)
{
    const Eigen::Index dim = rho.rows();
    assert(dim == (Eigen::Index(1) << n) && rho.cols() == dim);
    // U rho: the gate on every column.
    for (Eigen::Index j = 0; j < dim; ++j)
        applyToVector(rho.col(j).data(), n, g);
    // (U rho) U^dagger: column pairs combine with conj(u).
    if (g.swap) {
        forEachSwapPair(n, g, [&](std::size_t i, std::size_t j) { rho.col(i).swap(rho.col(j)); });
        return;
    }
    const Mat2 uc = g.u.conjugate();
    forEachPair(n, g, [&](std::size_t j0, std::size_t j1) {
        cplx *a = rho.col(j0).data();
        cplx *b = rho.col(j1).data();
        for (Eigen::Index i = 0; i < dim; ++i)
            mul2(uc, a[i], b[i]);
    });
}

} // namespace sqsnn

namespace sqsnn {
cplx sandwich(const cplx *bra, const cplx *ket, int n, int target, int control, const Mat2 &m)
{
    ResolvedGate shape;
    shape.target = target;
    shape.control = control;
    cplx acc = 0;
    forEachPair(n, shape, [&](std::size_t i0, std::size_t i1) {
        const cplx a = ket[i0], b = ket[i1];
        acc += std::conj(bra[i0]) * (m(0, 0) * a + m(0, 1) * b)
               + std::conj(bra[i1]) * (m(1, 0) * a + m(1, 1) * b);
    });
    return acc;
}
} // namespace sqsnn
