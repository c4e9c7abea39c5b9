#pragma once
// The readout's error vector and the fixed random feedback of the local rule's vector learning
// signals (issue 13). Both are computed once per sample, at its end, from what the readout
// produced; nothing here is trained.
//
// Cross-entropy readout (readout_loss "ce"): the readout's logits are its expected spike counts
//   u_o = sum_t p_o,t   (stochastic neurons; deterministic neurons: the counts sum_t s_o,t, whose
//                        derivative is the spike surrogate, i.e. straight-through)
// and the loss is L = -log softmax(u)_c for the label c, a normalisation across the readout
// like lateral inhibition. dL/du_o = q_o - y_o with q = softmax(u): each negative class is
// pushed down by its share q_o of the softmax, not by one BCE term per step each, so the nine
// negatives no longer outweigh the positive (the classes are balanced by construction).
//
// Direct feedback alignment (hidden_signal "dfa"): hidden neuron j of population P gets
//   delta_j = sum_o B^P_jo E_o,   B^P_jo ~ N(0, 1/C) fixed,
// with E = q - y (ce) or E_o = mean_t p_o,t - y_o (bce). B is drawn from the project seed and
// the population's index only, serially, so it does not depend on threads and is rebuilt
// identically on resume; it is not a parameter (it does not train and is not counted in the
// budget).
#include <cstdint>
#include <vector>

namespace sqsnn {

// q = softmax(u) in place-safe form; returns -log q[label] (the loss, floored at 1e-12).
double softmaxCrossEntropy(const std::vector<double> &u, int label, std::vector<double> &q);

// The fixed feedback matrix of hidden population `pop` ([neuron * classes + class]).
std::vector<double> feedbackMatrix(std::uint64_t seed, int pop, int neurons, int classes);

} // namespace sqsnn
