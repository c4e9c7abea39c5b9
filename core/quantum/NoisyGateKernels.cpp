#include "quantum/NoisyGateKernels.hpp"

#include "quantum/Register.hpp"

namespace sqsnn {

namespace {

// B <- Ur B Uc^dagger for the block (a b; c d).
inline void sandwich2(const Mat2 &ur, const Mat2 &uc, cplx &a, cplx &b, cplx &c, cplx &d)
{
    const cplx t00 = ur(0, 0) * a + ur(0, 1) * c, t01 = ur(0, 0) * b + ur(0, 1) * d;
    const cplx t10 = ur(1, 0) * a + ur(1, 1) * c, t11 = ur(1, 0) * b + ur(1, 1) * d;
    const cplx v00 = std::conj(uc(0, 0)), v01 = std::conj(uc(0, 1));
    const cplx v10 = std::conj(uc(1, 0)), v11 = std::conj(uc(1, 1));
    a = t00 * v00 + t01 * v01;
    b = t00 * v10 + t01 * v11;
    c = t10 * v00 + t11 * v01;
    d = t10 * v10 + t11 * v11;
}

// An RX-type gate u = [[c, -i s], [-i s, c]] (c, s real: RX and, via their target matrix,
// CRX): U B U^dagger = c^2 B + s^2 X B X - i c s (X B - B X) in real arithmetic, a third of
// sandwich2's multiplications. The 1+1 neuron's one-qubit gates and its CRX are all RX.
inline bool isRxType(const Mat2 &u)
{
    return u(0, 0).imag() == 0 && u(0, 0) == u(1, 1) && u(0, 1).real() == 0 && u(0, 1) == u(1, 0);
}

// k * (-i) z and k * i z in real arithmetic (no general complex product).
inline cplx timesMinusI(double k, const cplx &z) { return {k * z.imag(), -k * z.real()}; }
inline cplx timesI(double k, const cplx &z) { return {-k * z.imag(), k * z.real()}; }

inline void sandwichRx(double c, double s, cplx &a, cplx &b, cplx &cc, cplx &d)
{
    const double c2 = c * c, s2 = s * s, cs = c * s;
    const cplx ia = a, ib = b, ic = cc, id = d;
    a = c2 * ia + s2 * id + timesMinusI(cs, ic - ib);
    b = c2 * ib + s2 * ic + timesMinusI(cs, id - ia);
    cc = c2 * ic + s2 * ib + timesMinusI(cs, ia - id);
    d = c2 * id + s2 * ia + timesMinusI(cs, ib - ic);
}

// One side only (controlled gates, rows or columns with the control bit 1): B <- U B (left) or
// B <- B U^dagger (right) for U = c I - i s X.
inline void leftRx(double c, double s, cplx &a, cplx &b, cplx &cc, cplx &d)
{
    const cplx ia = a, ib = b;
    a = c * ia + timesMinusI(s, cc);
    b = c * ib + timesMinusI(s, d);
    cc = c * cc + timesMinusI(s, ia);
    d = c * d + timesMinusI(s, ib);
}

inline void rightRx(double c, double s, cplx &a, cplx &b, cplx &cc, cplx &d)
{
    const cplx ia = a, ic = cc;
    a = c * ia + timesI(s, b);
    b = c * b + timesI(s, ia);
    cc = c * ic + timesI(s, d);
    d = c * d + timesI(s, ic);
}

// rho is Hermitian and the maps preserve that: the block at (j, i) is the adjoint of the block
// at (i, j) (rows {i, i|b}, columns {j, j|b}), so only blocks with i <= j are computed.
inline void mirror(cplx *m, std::size_t dim, std::size_t i, std::size_t j, std::size_t b)
{
    m[j + i * dim] = std::conj(m[i + j * dim]);
    m[j + (i | b) * dim] = std::conj(m[(i | b) + j * dim]);
    m[(j | b) + i * dim] = std::conj(m[i + (j | b) * dim]);
    m[(j | b) + (i | b) * dim] = std::conj(m[(i | b) + (j | b) * dim]);
}

} // namespace

void noisyOneQubitGate(Eigen::MatrixXcd &rho, int n, int q, const Mat2 &u, double e1,
                       double e2, double p)
{
    const std::size_t dim = std::size_t(1) << n, bq = bitOf(n, q);
    cplx *m = rho.data();
    const double gain = 1.0 - e1;
    const double keep = 1.0 - 2.0 * p / 3, mix = 2.0 * p / 3, off = 1.0 - 4.0 * p / 3;
    const bool rx = isRxType(u);
    const double rc = u(0, 0).real(), rs = -u(0, 1).imag();
    for (std::size_t j = 0; j < dim; ++j) {
        if (j & bq)
            continue;
        cplx *c0 = m + j * dim, *c1 = m + (j | bq) * dim;
        for (std::size_t i = 0; i <= j; ++i) {
            if (i & bq)
                continue;
            cplx a = c0[i], b = c1[i], c = c0[i | bq], d = c1[i | bq];
            a += gain * d; // relaxation first (the pending time before the gate)
            d *= e1;
            b *= e2;
            c *= e2;
            if (rx)
                sandwichRx(rc, rs, a, b, c, d);
            else
                sandwich2(u, u, a, b, c, d);
            c0[i] = keep * a + mix * d; // then the gate's depolarising error
            c1[i | bq] = keep * d + mix * a;
            c1[i] = off * b;
            c0[i | bq] = off * c;
            if (i != j)
                mirror(m, dim, i, j, bq);
        }
    }
}

void unitaryToDensity(Eigen::MatrixXcd &rho, int n, const ResolvedGate &g)
{
    if (g.swap) {
        applyToDensity(rho, n, g);
        return;
    }
    const std::size_t dim = std::size_t(1) << n, bt = bitOf(n, g.target);
    const std::size_t cb = g.control >= 0 ? bitOf(n, g.control) : 0;
    const Mat2 I = Mat2::Identity();
    const bool rx = isRxType(g.u);
    const double rc = g.u(0, 0).real(), rs = -g.u(0, 1).imag();
    cplx *m = rho.data();
    for (std::size_t j = 0; j < dim; ++j) {
        if (j & bt)
            continue;
        const bool colOn = !cb || (j & cb);
        cplx *c0 = m + j * dim, *c1 = m + (j | bt) * dim;
        for (std::size_t i = 0; i <= j; ++i) {
            if (i & bt)
                continue;
            const bool rowOn = !cb || (i & cb);
            if (!rowOn && !colOn)
                continue;
            if (rx && rowOn && colOn)
                sandwichRx(rc, rs, c0[i], c1[i], c0[i | bt], c1[i | bt]);
            else if (rx && rowOn)
                leftRx(rc, rs, c0[i], c1[i], c0[i | bt], c1[i | bt]);
            else if (rx)
                rightRx(rc, rs, c0[i], c1[i], c0[i | bt], c1[i | bt]);
            else
                sandwich2(rowOn ? g.u : I, colOn ? g.u : I, c0[i], c1[i], c0[i | bt], c1[i | bt]);
            if (i != j)
                mirror(m, dim, i, j, bt);
        }
    }
}

} // namespace sqsnn
