#pragma once
// Pure states and density matrices of 1..kMaxQubits qubits, with the observables the lab shows:
// partial trace, reduced single-qubit states and Bloch vectors, Z-basis outcome probabilities of
// a subset of qubits, projective measurement (seeded RNG passed in) with the post-measurement
// state, purity Tr rho^2 and von Neumann entropy -Tr rho log2 rho (in bits).
// Outcome indices over a qubit subset [q_a, q_b, ...] read q_a as the most significant bit.
#include "common/Rng.hpp"
#include "quantum/Circuit.hpp"
#include "quantum/GateMatrix.hpp"

#include <Eigen/Dense>

#include <span>
#include <vector>

namespace sqsnn {

class PureState
{
public:
    explicit PureState(int qubits); // |0...0>; refuses sizes outside 1..kMaxQubits
    PureState(int qubits, Eigen::VectorXcd amplitudes);

    int qubits() const { return m_n; }
    const Eigen::VectorXcd &amplitudes() const { return m_amp; }
    Eigen::VectorXcd &amplitudes() { return m_amp; }

    void apply(const Gate &g, double angle = 0.0);
    void apply(const Circuit &c, std::span<const double> params);

    Eigen::MatrixXcd density() const;
    Mat2 reducedQubit(int q) const;
    std::vector<double> probabilities(const std::vector<int> &qubits) const;
    // Samples an outcome of the given qubits, collapses and renormalises; returns the outcome.
    int measure(const std::vector<int> &qubits, Rng &rng);
    // Projects on a given outcome and renormalises; returns its probability (state unchanged
    // if it is 0).
    double project(const std::vector<int> &qubits, int outcome);

private:
    int m_n;
    Eigen::VectorXcd m_amp;
};

class DensityMatrix
{
public:
    explicit DensityMatrix(int qubits); // |0...0><0...0|
    DensityMatrix(int qubits, Eigen::MatrixXcd rho);

    int qubits() const { return m_n; }
    const Eigen::MatrixXcd &matrix() const { return m_rho; }
    Eigen::MatrixXcd &matrix() { return m_rho; }

    void apply(const Gate &g, double angle = 0.0);
    void apply(const Circuit &c, std::span<const double> params);

    // The reduced state of `keep` (in that order; keep[0] becomes the most significant qubit).
    DensityMatrix partialTrace(const std::vector<int> &keep) const;
    Mat2 reducedQubit(int q) const;
    std::vector<double> probabilities(const std::vector<int> &qubits) const;
    int measure(const std::vector<int> &qubits, Rng &rng);
    double project(const std::vector<int> &qubits, int outcome);

    double purity() const;
    double entropy() const;

private:
    int m_n;
    Eigen::MatrixXcd m_rho;
};

// Bloch vector (x, y, z) of a single-qubit density matrix: rho = (I + x X + y Y + z Z) / 2.
Eigen::Vector3d blochVector(const Mat2 &rho);
double purity(const Eigen::MatrixXcd &rho);
double vonNeumannEntropy(const Eigen::MatrixXcd &rho); // bits
// Outcome index of basis state i restricted to `qubits` of an n-qubit register.
int subsetOutcome(std::size_t i, int n, const std::vector<int> &qubits);

} // namespace sqsnn
