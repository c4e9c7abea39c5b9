#include "neurons/SqsKernel11.hpp"

#include "common/Error.hpp"
#include "common/Philox.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <new>

namespace sqsnn {

namespace {

// Run-time dispatch: the loader picks the best version this CPU supports (GCC function
// multi-versioning); the distributed build needs nothing beyond baseline x86-64.
// Sanitizer builds (whose runtimes may not be up when an ifunc resolver runs) and clang (the fuzz
// build) get the baseline version only.
// SQSNN_KERNEL_ONE_VERSION builds only the version the compiler flags give (for measuring one).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) \
    && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__) \
    && !defined(SQSNN_KERNEL_ONE_VERSION)
#define SQSNN_KERNEL_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define SQSNN_KERNEL_CLONES
#endif

// sin and cos of x for |x| up to ~1e6: x = k pi/2 + r with |r| <= pi/4 (Cody-Waite, pi/2 in
// three parts; k pi/2 exact for |k| < 2^20), then fdlibm's __kernel_sin / __kernel_cos
// polynomials on r and the quadrant k mod 4. Branch-free so a loop around it vectorises.
inline void sinCos(double x, double &sinX, double &cosX)
{
    constexpr double kTwoOverPi = 6.36619772367581382433e-01;
    constexpr double kPio2a = 1.57079632673412561417e+00;  // first 33 bits of pi/2
    constexpr double kPio2b = 6.07710050630396597660e-11;  // next 33 bits
    constexpr double kPio2c = 2.02226624879595063154e-21;  // pi/2 - a - b
    constexpr double kRound = 0x1.8p52;                     // adding it rounds to an integer
    const double k = (x * kTwoOverPi + kRound) - kRound;
    const double r = ((x - k * kPio2a) - k * kPio2b) - k * kPio2c;
    const double z = r * r;
    const double sr = 8.33333333332248946124e-03
                      + z * (-1.98412698298579493134e-04
                             + z * (2.75573137070700676789e-06
                                    + z * (-2.50507602534068634195e-08
                                           + z * 1.58969099521155010221e-10)));
    const double s = r + (z * r) * (-1.66666666666666324348e-01 + z * sr);
    const double cr = 4.16666666666666019037e-02
                      + z * (-1.38888888888741095749e-03
                             + z * (2.48015872894767294178e-05
                                    + z * (-2.75573143513906633035e-07
                                           + z * (2.08757232129817482790e-09
                                                  + z * -1.13596475577881948265e-11))));
    const double c = (1.0 - 0.5 * z) + (z * z) * cr;
    // q = k mod 4 in {0, 1, 2, 3}: sin x = s, c, -s, -c and cos x = c, -s, -c, s.
    const double k4 = k * 0.25, n4 = (k4 + kRound) - kRound; // k / 4 exact, n4 its nearest
    const double q = k - 4.0 * (n4 > k4 ? n4 - 1.0 : n4);   // floor without a libm call
    // Selects on doubles only (no bool masks of another width), so every clone vectorises.
    const double sv = q == 1.0 ? c : (q == 3.0 ? c : s), cv = q == 1.0 ? s : (q == 3.0 ? s : c);
    sinX = q >= 2.0 ? -sv : sv;
    cosX = q == 1.0 ? -cv : (q == 2.0 ? -cv : cv);
}

// The uniform of Philox4x32::uniform for counter (t, i, 0, 0), with the block function
// written out so the vectoriser keeps it in SIMD registers.
inline double laneUniform(std::uint32_t t, std::uint32_t i, std::uint32_t k0, std::uint32_t k1)
{
    std::uint32_t c0 = t, c1 = i, c2 = 0, c3 = 0;
#pragma GCC unroll 10
    for (int r = 0; r < 10; ++r) {
        const std::uint64_t p0 = std::uint64_t(Philox4x32::kM0) * c0;
        const std::uint64_t p1 = std::uint64_t(Philox4x32::kM1) * c2;
        const std::uint32_t n0 = std::uint32_t(p1 >> 32) ^ c1 ^ k0;
        const std::uint32_t n2 = std::uint32_t(p0 >> 32) ^ c3 ^ k1;
        c1 = std::uint32_t(p1);
        c3 = std::uint32_t(p0);
        c0 = n0;
        c2 = n2;
        k0 += Philox4x32::kW0;
        k1 += Philox4x32::kW1;
    }
    // 1 + w 2^-52 by its bit pattern (exact), minus 1 (exact): w 2^-52 with w the top 52 bits.
    const std::uint64_t bits = 0x3ff0000000000000ULL | (((std::uint64_t(c0) << 32) | c1) >> 12);
    return std::bit_cast<double>(bits) - 1.0;
}

// One neuron's step (the header's closed form). `forced` < 0 samples with the uniform u;
// otherwise the outcome is `forced` (0 or 1, as a double) and a forced outcome of probability 0
// leaves the memory as it is (as SqsNeuron::step). Flags are doubles (0 or 1) so every select
// has the width of the data and a loop around it vectorises.
[[gnu::always_inline]] inline void laneStep(int i, const double *__restrict z, double *__restrict m0r,
                                            double *__restrict m0i, double *__restrict m1r,
                                            double *__restrict m1i, const double *__restrict memC,
                                            const double *__restrict memS,
                                            const double *__restrict inC,
                                            const double *__restrict inS,
                                            const double *__restrict entC,
                                            const double *__restrict entS, double u, double forced,
                                            double *__restrict outcome, double *__restrict pZero,
                                            double *__restrict pSpike)
{
    const double zi = z[i];
    double sx, cx;
    sinCos(M_PI * zi / 2, sx, cx);
    const bool rotate = zi > 0; // no rotation otherwise (also for NaN, as the scalar kernel)
    const double cp = rotate ? cx : 1.0, sp = rotate ? sx : 0.0;
    const double c0 = cp * inC[i] - sp * inS[i];
    const double s0 = sp * inC[i] + cp * inS[i];
    const double c1 = c0 * entC[i] - s0 * entS[i];
    const double s1 = s0 * entC[i] + c0 * entS[i];
    const double a0r = m0r[i], a0i = m0i[i], a1r = m1r[i], a1i = m1i[i];
    const double n0 = a0r * a0r + a0i * a0i, n1 = a1r * a1r + a1i * a1i;
    const double p1 = n0 * s0 * s0 + n1 * s1 * s1;
    const double p0 = n0 * c0 * c0 + n1 * c1 * c1;
    // A zero-probability draw (round-off) gives the other outcome.
    const double drawn = u < p0 ? 0.0 : 1.0, pd = u < p0 ? p0 : p1;
    const double sampled = pd <= 0 ? 1.0 - drawn : drawn;
    const double one = forced < 0 ? sampled : forced;
    const bool o = one != 0.0;
    const double ps = o ? p1 : p0;
    const bool keep = !(ps > 0); // only a forced outcome of probability 0
    const double f0 = o ? s0 : c0, f1 = o ? s1 : c1;
    const double x0r = a0r * f0, x0i = a0i * f0, x1r = a1r * f1, x1i = a1i * f1;
    // y = RX(theta_mem) x: y0 = C x0 - i S x1, y1 = -i S x0 + C x1.
    const double C = memC[i], S = memS[i];
    const double y0r = C * x0r + S * x1i, y0i = C * x0i - S * x1r;
    const double y1r = S * x0i + C * x1r, y1i = C * x1i - S * x0r;
    const double scale = 1.0 / std::sqrt(keep ? 1.0 : ps);
    // Outcome 1 carries the factor -i: (a + ib)(-i) = b - ia.
    const double n0r = (o ? y0i : y0r) * scale, n0i = (o ? -y0r : y0i) * scale;
    const double n1r = (o ? y1i : y1r) * scale, n1i = (o ? -y1r : y1i) * scale;
    m0r[i] = keep ? a0r : n0r;
    m0i[i] = keep ? a0i : n0i;
    m1r[i] = keep ? a1r : n1r;
    m1i[i] = keep ? a1i : n1i;
    outcome[i] = one;
    pZero[i] = p0;
    pSpike[i] = p1;
}

SQSNN_KERNEL_CLONES
void stepLanes(int begin, int end, const double *__restrict z, double *__restrict m0r,
               double *__restrict m0i, double *__restrict m1r, double *__restrict m1i,
               const double *__restrict memC, const double *__restrict memS,
               const double *__restrict inC, const double *__restrict inS,
               const double *__restrict entC, const double *__restrict entS, std::uint32_t k0,
               std::uint32_t k1, std::uint32_t t, double *__restrict outcome,
               double *__restrict pZero, std::uint8_t *__restrict spikes,
               double *__restrict pSpike)
{
    for (int i = begin; i < end; ++i)
        laneStep(i, z, m0r, m0i, m1r, m1i, memC, memS, inC, inS, entC, entS,
                 laneUniform(t, std::uint32_t(i), k0, k1), -1.0, outcome, pZero, pSpike);
    for (int i = begin; i < end; ++i)
        spikes[i] = outcome[i] != 0.0 ? 1 : 0;
}

// Clamped outcomes (a readout during training, a few neurons): no draw, baseline code.
void stepForcedLanes(int begin, int end, const double *z, double *m0r, double *m0i,
                     double *m1r, double *m1i, const double *memC, const double *memS,
                     const double *inC, const double *inS, const double *entC,
                     const double *entS, const int *forced, double *outcome, double *pZero,
                     std::uint8_t *spikes, double *pSpike)
{
    for (int i = begin; i < end; ++i) {
        laneStep(i, z, m0r, m0i, m1r, m1i, memC, memS, inC, inS, entC, entS, 0.0,
                 forced[i] != 0 ? 1.0 : 0.0, outcome, pZero, pSpike);
        spikes[i] = outcome[i] != 0.0 ? 1 : 0;
    }
}

} // namespace

void SqsKernel11::Free::operator()(double *p) const
{
    ::operator delete[](p, std::align_val_t(64));
}

SqsKernel11::SqsKernel11(int neurons)
    : m_n(neurons < 0 ? 0 : neurons)
    , m_stride((std::size_t(m_n) + 7) / 8 * 8)
    , m_data(static_cast<double *>(::operator new[](
          std::max<std::size_t>(1, kArrays * m_stride) * sizeof(double), std::align_val_t(64))))
{
    if (neurons < 0)
        throw InputError("SqsKernel11: neuron count must be >= 0, got " + std::to_string(neurons));
    for (std::size_t k = 0; k < kArrays * m_stride; ++k)
        m_data[k] = 0.0;
    for (int i = 0; i < m_n; ++i)
        setAngles(i, 0.0, 0.0, 0.0);
    resetMemory();
}

void SqsKernel11::setAngles(int i, double thetaEnt, double thetaMem, double thetaIn)
{
    // As SqsNeuron::setParameters computes them, so both kernels start from the same doubles.
    at(MemC)[i] = std::cos(thetaMem / 2);
    at(MemS)[i] = std::sin(thetaMem / 2);
    at(InC)[i] = std::cos(thetaIn / 2);
    at(InS)[i] = std::sin(thetaIn / 2);
    at(EntC)[i] = std::cos(thetaEnt / 2);
    at(EntS)[i] = std::sin(thetaEnt / 2);
}

void SqsKernel11::setNeuron(int i, const SqsNeuron &neuron)
{
    if (neuron.kernel() != SqsNeuron::Kernel::ClosedForm)
        throw InputError("SqsKernel11: neuron " + std::to_string(i)
                         + " is not the 1+1 sqs-crx closed form");
    const auto &th = neuron.parameters();
    setAngles(i, th[0], th[1], th[2]);
}

void SqsKernel11::resetMemory()
{
    for (int i = 0; i < m_n; ++i)
        setMemory(i, 1.0, 0.0);
}

cplx SqsKernel11::memory(int i, int a) const
{
    return a == 0 ? cplx(at(M0r)[i], at(M0i)[i]) : cplx(at(M1r)[i], at(M1i)[i]);
}

void SqsKernel11::setMemory(int i, cplx m0, cplx m1)
{
    at(M0r)[i] = m0.real();
    at(M0i)[i] = m0.imag();
    at(M1r)[i] = m1.real();
    at(M1i)[i] = m1.imag();
}

void SqsKernel11::step(int begin, int end, const double *z, std::uint64_t seed, std::uint32_t t,
                       std::uint8_t *spikes, double *pSpike)
{
    const auto key = Philox4x32::key(seed);
    stepLanes(begin, end, z, at(M0r), at(M0i), at(M1r), at(M1i), at(MemC), at(MemS), at(InC),
              at(InS), at(EntC), at(EntS), key[0], key[1], t, at(Outcome), at(P0), spikes,
              pSpike);
}

void SqsKernel11::stepForced(int begin, int end, const double *z, const int *forced,
                             std::uint8_t *spikes, double *pSpike)
{
    stepForcedLanes(begin, end, z, at(M0r), at(M0i), at(M1r), at(M1i), at(MemC), at(MemS),
                    at(InC), at(InS), at(EntC), at(EntS), forced, at(Outcome), at(P0), spikes,
                    pSpike);
}

double SqsKernel11::uniform(std::uint64_t seed, std::uint32_t t, std::uint32_t i)
{
    const auto x = Philox4x32::generate({t, i, 0, 0}, Philox4x32::key(seed));
    return Philox4x32::uniform(x[0], x[1]);
}

} // namespace sqsnn
