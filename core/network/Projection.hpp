#pragma once
// A projection: weights from the spike lines of one population to the input channels of
// another, optionally with a bias per target channel and a delay in steps.
//   dense:           current[c] += W[l][c] x_l          for every source line l
//   channel-matched: current[i N + n] += W[j][i][n] x_{j N + n}   (channel n of target neuron i
//                    listens to bit n of every source neuron j; model.md section 1)
// Parameters are stored source-major so the weights a spike touches are contiguous; accumulation
// is event-driven: its cost scales with the lines that were active, not with the fan-in.
#include "common/Rng.hpp"
#include "network/NetworkSpec.hpp"

#include <vector>

namespace sqsnn {

// The lines of a population that were active at one step; values are the line amplitudes
// (empty = every active line carries 1, i.e. spikes; analogue inputs carry their value).
struct Activity
{
    std::vector<int> lines;
    std::vector<double> values;

    void clear()
    {
        lines.clear();
        values.clear();
    }
    double value(std::size_t k) const { return values.empty() ? 1.0 : double(values[k]); }
};

class Projection
{
public:
    Projection(ProjectionSpec spec, int source, int target, int sourceLines, int sourceBits,
               int targetChannels, int targetBits);

    const ProjectionSpec &spec() const { return m_spec; }
    int source() const { return m_source; }
    int target() const { return m_target; }
    int delay() const { return m_spec.delay; }
    int weightCount() const { return m_weights; }
    // weights then biases, source-major (see Project.hpp's ParameterSet).
    std::vector<double> &params() { return m_params; }
    const std::vector<double> &params() const { return m_params; }
    int sourceLines() const { return m_sourceLines; }
    bool channelMatched() const { return m_matched; }
    int targetChannels() const { return m_targetChannels; }

    // U(-1/sqrt(fan_in), +1/sqrt(fan_in)); biases start at 0.
    void initParams(Rng &rng);
    // Negates the weights into target neuron `neuron` (symmetry breaking of a 2-neuron readout).
    void negateTargetNeuron(int neuron);

    // current[c] += sum over active lines, for channels [cBegin, cEnd).
    void accumulate(const Activity &a, double *current, int cBegin, int cEnd) const;
    void addBias(double *current, int cBegin, int cEnd) const;
    // grad[weights of line l][c] += A[c] * x_l for the active lines and channels
    // [cBegin, cEnd); marks the touched rows when `touched` is given.
    void scatter(const Activity &a, const double *A, double *grad, std::vector<char> *touched,
                 int cBegin, int cEnd) const;
    void scatterBias(const double *A, double *grad, int cBegin, int cEnd) const;
    // Reverse mode: gSource[l] += sum_c W[l][c] gCurrent[c] (dense) or the channel-matched
    // equivalent, for source lines [lBegin, lEnd) — every line, active or not (bptt).
    void backpropagate(const double *gCurrent, double *gSource, int lBegin, int lEnd) const;
    // The parameter indices of source line l (its row), for sparse updates.
    int rowBegin(int line) const;
    int rowLength() const;

private:
    ProjectionSpec m_spec;
    int m_source, m_target;
    int m_sourceLines, m_sourceBits, m_targetChannels, m_targetBits;
    bool m_matched;
    int m_weights;
    std::vector<double> m_params;
};

} // namespace sqsnn
