// sqsnn: the SQSNN Lab's headless command-line interface.
#include "Commands.hpp"
#include "common/Error.hpp"
#include "common/Printable.hpp"

#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <map>

namespace {

const char *kUsage = R"(usage: sqsnn COMMAND [ARGS]

commands:
  train PROJECT [--epochs N] [--out DIR] [--threads K] [--fresh]
                          (N = 0..100000, K = 0..256 threads, 0 = every core)
                          train a project; metrics.csv and the trained project go to DIR
                          (default out/NAME); a trained project continues where it stopped
  eval PROJECT [--threads K]
                          test loss and accuracy of the project's parameters (JSON)
  experiment FILE [--out DIR] [--jobs N] [--threads K] [--tiny] [--rank-timeout S]
                          train every model x seed of an experiment at one parameter budget;
                          results.csv and summary.md in DIR (resumes an interrupted run);
                          under mpirun -np K the cells are spread over the ranks
                          (docs/scaling.md)
  info PROJECT            shape, qubits, parameter count, estimated memory
  export-qasm PROJECT --neuron POP:INDEX [--sample K] [--out FILE]
                          OpenQASM 3 of one neuron over the T steps of test sample K, with
                          mid-circuit measurement and reset
  neuron SPEC.json        simulate one SQS neuron; one JSON object per step on stdout
  bench neuron [--seconds S] [--threads K] [--compare]
                          neuron steps per second for (N, N_M) = (1,1)..(5,5), S seconds
                          each (0 < S <= 3600, default 1), K = 1..256 threads; --compare
                          alternates 1 and K threads in 10 short rounds and prints both
                          rates and their ratio (robust to a machine whose speed drifts)
  help                    this text

exit codes: 0 ok, 2 bad input (the message names the field or file at fault), 1 internal error
)";

} // namespace

int main(int argc, char **argv)
{
    using namespace sqsnn::cli;
    const std::map<std::string, std::function<int(const Args &)>> commands{
        {"neuron", neuronCommand},
        {"bench", benchCommand},
        {"train", trainCommand},
        {"eval", evalCommand},
        {"info", infoCommand},
        {"export-qasm", exportQasmCommand},
        {"experiment", experimentCommand},
    };
    if (argc < 2 || !std::strcmp(argv[1], "help") || !std::strcmp(argv[1], "--help")
        || !std::strcmp(argv[1], "-h")) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const auto it = commands.find(argv[1]);
    if (it == commands.end()) {
        std::fprintf(stderr, "sqsnn: unknown command '%s'\n%s", sqsnn::printable(argv[1]).c_str(),
                     kUsage);
        return 2;
    }
    try {
        return it->second(Args(argv + 2, argv + argc));
    } catch (const sqsnn::InputError &e) {
        // Messages may carry the user's bytes (paths, JSON): never echo them raw.
        std::fprintf(stderr, "sqsnn %s: %s\n", argv[1], sqsnn::printable(e.what()).c_str());
        return 2;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "sqsnn %s: internal error: %s\n", argv[1],
                     sqsnn::printable(e.what()).c_str());
        return 1;
    }
}
