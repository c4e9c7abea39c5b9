// "No heap allocation inside a step": count every malloc (operator new and Eigen both end in
// glibc's malloc) around neuron steps.
#include "neurons/SqsNeuron.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SQSNN_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SQSNN_SANITIZED 1
#endif
#endif

namespace {
std::atomic<long> g_allocations{0};
}

#ifdef SQSNN_SANITIZED
// Under ASan/TSan the sanitizer owns malloc (and calls it while it starts, before any of our
// code could run), so replacing malloc would hand it glibc's blocks. Count through the
// sanitizer's own allocation hook instead: it sees every malloc, calloc, realloc and new.
// (declared here: GCC does not install <sanitizer/allocator_interface.h>)
extern "C" int __sanitizer_install_malloc_and_free_hooks(
    void (*mallocHook)(const volatile void *, std::size_t), void (*freeHook)(const volatile void *));
namespace {
void countAllocation(const volatile void *, std::size_t) { ++g_allocations; }
const int g_hooked = __sanitizer_install_malloc_and_free_hooks(countAllocation, nullptr);
} // namespace
#else
extern "C" void *__libc_malloc(std::size_t);
extern "C" void *__libc_calloc(std::size_t, std::size_t);
extern "C" void *__libc_realloc(void *, std::size_t);

extern "C" void *malloc(std::size_t n)
{
    ++g_allocations;
    return __libc_malloc(n);
}
extern "C" void *calloc(std::size_t n, std::size_t m)
{
    ++g_allocations;
    return __libc_calloc(n, m);
}
extern "C" void *realloc(void *p, std::size_t n)
{
    ++g_allocations;
    return __libc_realloc(p, n);
}
#endif
using namespace sqsnn;

TEST(Allocation, NeuronStepsAndGradientsDoNotAllocate)
{
    for (int q : {1, 2, 4}) { // dense path and gate path
        SqsNeuron n(q, q, AnsatzSpec{});
        std::vector<double> th(n.paramCount(), 0.7), p(n.outcomes()), z(q, 0.4), dTh(n.paramCount()),
            dPhi(q);
        n.setParameters(th);
        SqsNeuron::Workspace w(n);
        Eigen::VectorXcd mem = n.initialMemory();
        Rng rng(1);
        const long before = g_allocations.load();
        for (int t = 0; t < 100; ++t) {
            z[0] = 0.01 * t;
            const int s = n.step(z.data(), mem.data(), rng, p.data(), w);
            n.probabilityGradient(z.data(), mem.data(), s, w, dTh.data(), dPhi.data());
        }
        EXPECT_EQ(g_allocations.load() - before, 0) << "N = N_M = " << q;
        // The counter does count: building the unitary allocates.
        const Eigen::MatrixXcd u = n.unitary();
        EXPECT_GT(g_allocations.load() - before, 0);
    }
}
