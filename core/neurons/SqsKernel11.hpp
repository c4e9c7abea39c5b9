#pragma once
// The paper's neuron (N = N_M = 1, sqs-crx: CRX(theta_ent) mem->io, RX(theta_mem) on the
// memory, RX(theta_in) on the I/O qubit) for a whole population at a time, in SIMD lanes.
//
// Per neuron i and step t (the closed form of SqsNeuron, model.md sections 1-2):
//   phi = pi z / 2 where z > 0 (else 0); g_0/2 = phi + theta_in/2, g_1/2 = g_0/2 + theta_ent/2;
//   c_a = cos(g_a/2), s_a = sin(g_a/2) by angle addition from one sincos of phi per step;
//   p(1) = |m_0|^2 s_0^2 + |m_1|^2 s_1^2, p(0) = |m_0|^2 c_0^2 + |m_1|^2 c_1^2;
//   one shot s: u < p(0) gives 0, else 1 (u uniform in [0, 1), as SqsNeuron::sampleOutcome);
//     an outcome of probability 0 (round-off) gives the other one, as SqsNeuron::step;
//   m' = RX(theta_mem) (m_a cos(g_a/2))_a / sqrt(p(0)) for s = 0,
//        -i RX(theta_mem) (m_a sin(g_a/2))_a / sqrt(p(1)) for s = 1.
// The uniform of neuron i at step t is Philox4x32-10 with key = `seed` (the population's
// per-sample seed) and counter (t, i, 0, 0), words 0 and 1 (Philox4x32::uniform): a function
// of (seed, neuron, step) only, so results are identical whatever the thread count and split.
//
// State and parameters are structure-of-arrays (one array per quantity, 64-byte aligned), so a
// loop over neurons runs in SIMD lanes; the sincos is a polynomial (fdlibm's kernels after a
// Cody-Waite reduction; a few ulp) so it vectorises too. Built for baseline x86-64
// (SSE2) and, dispatched at run time, AVX2 and AVX-512 (function multi-versioning); the file is
// compiled with -ffp-contract=off so every version rounds the same: bit-identical results on
// every x86-64 machine. Agreement with SqsNeuron's scalar closed form to 1e-14 is tested
// (tests/core/neurons/SqsKernel11Test.cpp).
#include "neurons/SqsNeuron.hpp"

#include <cstdint>
#include <memory>

namespace sqsnn {

class SqsKernel11
{
public:
    // A population of `neurons` neurons with zero angles and memory |0>.
    explicit SqsKernel11(int neurons);

    int size() const { return m_n; }
    // Takes neuron i's angles from a 1+1 sqs-crx neuron (InputError if it does not run the
    // closed form).
    void setNeuron(int i, const SqsNeuron &neuron);
    // Angles in the ansatz's order: theta_ent, theta_mem, theta_in.
    void setAngles(int i, double thetaEnt, double thetaMem, double thetaIn);
    // Every memory back to |0>.
    void resetMemory();
    cplx memory(int i, int a) const;
    void setMemory(int i, cplx m0, cplx m1);

    // One step of neurons [begin, end) with currents z[i]: spikes[i] = the outcome, pSpike[i]
    // = p(1). Neurons outside the range are untouched, so threads may step disjoint ranges at
    // once.
    void step(int begin, int end, const double *z, std::uint64_t seed, std::uint32_t t,
              std::uint8_t *spikes, double *pSpike);
    // The same with clamped outcomes forced[i] (0 or nonzero = 1; no draw). A forced outcome of
    // probability 0 leaves the memory unchanged (as SqsNeuron::step).
    void stepForced(int begin, int end, const double *z, const int *forced, std::uint8_t *spikes,
                    double *pSpike);
    // p(0) of neuron i's last step (p(1) went to pSpike; each is computed, not 1 - the other).
    double pZero(int i) const { return at(P0)[i]; }

    // The uniform the kernel draws for neuron i at step t under `seed`.
    static double uniform(std::uint64_t seed, std::uint32_t t, std::uint32_t i);

private:
    enum Array { M0r, M0i, M1r, M1i, MemC, MemS, InC, InS, EntC, EntS, Outcome, P0, kArrays };
    double *at(Array a) { return m_data.get() + std::size_t(a) * m_stride; }
    const double *at(Array a) const { return m_data.get() + std::size_t(a) * m_stride; }

    struct Free { void operator()(double *p) const; };
    int m_n = 0;
    std::size_t m_stride = 0; // doubles per array, a multiple of 8 (64 bytes)
    std::unique_ptr<double[], Free> m_data;
};

} // namespace sqsnn
