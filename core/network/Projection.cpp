#include "network/Projection.hpp"

#include <cmath>

namespace sqsnn {

Projection::Projection(ProjectionSpec spec, int source, int target, int sourceLines,
                       int sourceBits, int targetChannels, int targetBits)
    : m_spec(std::move(spec))
    , m_source(source)
    , m_target(target)
    , m_sourceLines(sourceLines)
    , m_sourceBits(sourceBits)
    , m_targetChannels(targetChannels)
    , m_targetBits(targetBits)
{
    // Channel-matched from a data input (one bit per line) is the same as dense.
    m_matched = m_spec.connectivity == "channel-matched" && sourceBits > 1;
    m_weights = m_matched ? (sourceLines / sourceBits) * targetChannels
                          : sourceLines * targetChannels;
    m_params.assign(std::size_t(m_weights + (m_spec.bias ? targetChannels : 0)), 0.0);
}

void Projection::initParams(Rng &rng)
{
    const int fanIn = m_matched ? m_sourceLines / m_sourceBits : m_sourceLines;
    const double r = 1.0 / std::sqrt(double(std::max(1, fanIn)));
    for (int k = 0; k < m_weights; ++k)
        m_params[k] = rng.uniform(-r, r);
    for (std::size_t k = m_weights; k < m_params.size(); ++k)
        m_params[k] = 0.0;
}

void Projection::negateTargetNeuron(int neuron)
{
    const int N = m_targetBits;
    for (int line = 0; line < m_sourceLines; ++line) {
        const int row = rowBegin(line);
        if (m_matched) {
            const int n = line % m_sourceBits;
            m_params[row + neuron * N + n] = -m_params[row + neuron * N + n];
        } else {
            for (int b = 0; b < N; ++b)
                m_params[row + neuron * N + b] = -m_params[row + neuron * N + b];
        }
    }
}

int Projection::rowBegin(int line) const
{
    return m_matched ? (line / m_sourceBits) * m_targetChannels : line * m_targetChannels;
}

int Projection::rowLength() const
{
    return m_targetChannels;
}

void Projection::accumulate(const Activity &a, double *current, int cBegin, int cEnd) const
{
    const double *W = m_params.data();
    if (!m_matched) {
        for (std::size_t k = 0; k < a.lines.size(); ++k) {
            const double *row = W + std::size_t(a.lines[k]) * m_targetChannels;
            const double x = a.value(k);
            if (x == 1.0)
                for (int c = cBegin; c < cEnd; ++c)
                    current[c] += row[c];
            else
                for (int c = cBegin; c < cEnd; ++c)
                    current[c] += x * row[c];
        }
        return;
    }
    const int N = m_sourceBits;
    for (std::size_t k = 0; k < a.lines.size(); ++k) {
        const int line = a.lines[k], n = line % N;
        const double *row = W + rowBegin(line);
        const double x = a.value(k);
        // Channels i N + n within [cBegin, cEnd).
        int c = cBegin + ((n - cBegin % N) + N) % N;
        for (; c < cEnd; c += N)
            current[c] += x * row[c];
    }
}

void Projection::addBias(double *current, int cBegin, int cEnd) const
{
    if (!m_spec.bias)
        return;
    const double *b = m_params.data() + m_weights;
    for (int c = cBegin; c < cEnd; ++c)
        current[c] += b[c];
}

void Projection::scatter(const Activity &a, const double *A, double *grad,
                         std::vector<char> *touched, int cBegin, int cEnd) const
{
    const int N = m_sourceBits;
    for (std::size_t k = 0; k < a.lines.size(); ++k) {
        const int line = a.lines[k];
        const double x = a.value(k);
        double *row = grad + rowBegin(line);
        if (touched)
            (*touched)[std::size_t(m_matched ? line / N : line)] = 1;
        if (!m_matched) {
            if (x == 1.0)
                for (int c = cBegin; c < cEnd; ++c)
                    row[c] += A[c];
            else
                for (int c = cBegin; c < cEnd; ++c)
                    row[c] += A[c] * x;
        } else {
            const int n = line % N;
            for (int c = cBegin + ((n - cBegin % N) + N) % N; c < cEnd; c += N)
                row[c] += A[c] * x;
        }
    }
}

void Projection::scatterBias(const double *A, double *grad, int cBegin, int cEnd) const
{
    if (!m_spec.bias)
        return;
    double *g = grad + m_weights;
    for (int c = cBegin; c < cEnd; ++c)
        g[c] += A[c];
}

void Projection::backpropagate(const double *gCurrent, double *gSource, int lBegin, int lEnd) const
{
    const double *W = m_params.data();
    const int N = m_sourceBits;
    for (int line = lBegin; line < lEnd; ++line) {
        const double *row = W + rowBegin(line);
        double acc = 0.0;
        if (!m_matched) {
            for (int c = 0; c < m_targetChannels; ++c)
                acc += row[c] * gCurrent[c];
        } else {
            for (int c = line % N; c < m_targetChannels; c += N)
                acc += row[c] * gCurrent[c];
        }
        gSource[line] += acc;
    }
}

} // namespace sqsnn
