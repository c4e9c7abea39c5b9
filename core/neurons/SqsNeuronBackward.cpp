// Reverse mode of the SQS neuron's fast path (SqsNeuron::backwardStep; equations in
// SqsNeuron.hpp). Used by surrogate-gradient BPTT (core/learning/Bptt.hpp).
#include "neurons/SqsNeuron.hpp"


#include <cmath>

namespace sqsnn {

void SqsNeuron::backwardStep(const double *z, const cplx *mem, int s, const double *gP,
                             const cplx *gMem, Workspace &w, double *gTheta, double *gZ,
                             cplx *gMemIn) const
{
    if (m_kernel == Kernel::ClosedForm)
        backwardClosedForm(z, mem, s, gP, gMem, gTheta, gZ, gMemIn);
    else
        backwardGates(z, mem, s, gP, gMem, w, gTheta, gZ, gMemIn);
}

// The paper's neuron: with g_a = phi + theta_in + a theta_ent, f_a = cos(g_a/2) (s = 0) or
// sin(g_a/2) (s = 1) and R = RX(theta_mem), block s is ph R (m_0 f_0, m_1 f_1) with ph = 1 or -i;
// p(1) = sum_a |m_a|^2 sin^2(g_a/2), p(0) = sum_a |m_a|^2 cos^2(g_a/2).
void SqsNeuron::backwardClosedForm(const double *z, const cplx *mem, int s, const double *gP,
                                   const cplx *gMem, double *gTheta, double *gZ,
                                   cplx *gMemIn) const
{
    const cplx I(0.0, 1.0);
    double c[2], sn[2];
    halfAngles(z[0], c[0], sn[0], c[1], sn[1]);
    const double C = m_memC, S = m_memS;
    double gG[2] = {0.0, 0.0}; // dL/dg_a
    cplx gM[2] = {0.0, 0.0};   // dL/dm_a
    for (int a = 0; a < 2; ++a) {
        const double na = std::norm(mem[a]);
        gG[a] += (gP[1] - gP[0]) * na * sn[a] * c[a];
        gM[a] += 2.0 * (gP[0] * c[a] * c[a] + gP[1] * sn[a] * sn[a]) * mem[a];
    }
    double gMemAngle = 0.0;
    if (gMem) {
        const double *f = s == 0 ? c : sn;
        const cplx ph = s == 0 ? cplx(1.0) : -I;
        const cplx u0 = mem[0] * f[0], u1 = mem[1] * f[1];
        const cplx A0 = ph * (C * u0 - I * S * u1), A1 = ph * (-I * S * u0 + C * u1);
        const double r2 = std::norm(A0) + std::norm(A1);
        if (r2 > 1e-300) {
            const double r = std::sqrt(r2);
            const double cc = (std::conj(A0) * gMem[0] + std::conj(A1) * gMem[1]).real();
            const cplx GA0 = gMem[0] / r - cc * A0 / (r2 * r);
            const cplx GA1 = gMem[1] / r - cc * A1 / (r2 * r);
            // dA/dtheta_mem = (-i/2) X A.
            gMemAngle = 0.5 * (std::conj(GA0) * A1 + std::conj(GA1) * A0).imag();
            // G_u = conj(ph) R^dagger G_A, R^dagger = [[C, iS], [iS, C]].
            const cplx cph = std::conj(ph);
            const cplx Gu0 = cph * (C * GA0 + I * S * GA1), Gu1 = cph * (I * S * GA0 + C * GA1);
            const cplx Gu[2] = {Gu0, Gu1};
            for (int a = 0; a < 2; ++a) {
                gM[a] += f[a] * Gu[a];
                const double df = s == 0 ? -0.5 * sn[a] : 0.5 * c[a];
                gG[a] += (std::conj(Gu[a]) * mem[a]).real() * df;
            }
        }
    }
    gTheta[0] += gG[1];
    gTheta[1] += gMemAngle;
    gTheta[2] += gG[0] + gG[1];
    gZ[0] = z[0] > 0 ? M_PI * (gG[0] + gG[1]) : 0.0;
    if (gMemIn) {
        gMemIn[0] = gM[0];
        gMemIn[1] = gM[1];
    }
}

void SqsNeuron::backwardGates(const double *z, const cplx *mem, int s, const double *gP,
                              const cplx *gMem, Workspace &w, double *gTheta, double *gZ,
                              cplx *gMemIn) const
{
    const int dM = memoryDim(), dim = 1 << (m_N + m_M);
    cplx *psi = w.state.data();
    cplx *lam = w.lambda.data();
    forwardJoint(z, mem, w);
    for (int i = 0; i < dim; ++i)
        lam[i] = 2.0 * gP[i / dM] * psi[i];
    if (gMem) {
        const cplx *a = psi + std::size_t(s) * dM;
        double r2 = 0.0;
        cplx dot = 0.0;
        for (int k = 0; k < dM; ++k) {
            r2 += std::norm(a[k]);
            dot += std::conj(a[k]) * gMem[k];
        }
        if (r2 > 1e-300) {
            const double r = std::sqrt(r2), cc = dot.real();
            for (int k = 0; k < dM; ++k)
                lam[std::size_t(s) * dM + k] += gMem[k] / r - cc * a[k] / (r2 * r);
        }
    }
    // Each rotation exp(-i theta Gen / 2): dL/dtheta = Im(lambda^dagger Gen psi) / 2.
    adjointBackward(psi, lam, z, w, 0.5, gTheta, gZ);
    for (int q = 0; q < m_N; ++q)
        gZ[q] *= M_PI; // dphi/dz = pi where z > 0 (0 elsewhere already)
    if (gMemIn)
        for (int k = 0; k < dM; ++k)
            gMemIn[k] = lam[k];
}

} // namespace sqsnn
