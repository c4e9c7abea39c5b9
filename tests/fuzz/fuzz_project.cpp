// libFuzzer target for the project loader: arbitrary bytes -> parseProjectText ->
// projectFromJson (upgraders included). Only the documented failures may escape: sqsnn::Error
// (InputError for bad files) and nlohmann::json::exception; anything else (another exception,
// a crash, a hang, a sanitizer report) is a finding. Every accepted project must also survive
// its canonical round trip (projectFromJson(projectToJson(p)) == p, and the JSON is a fixed
// point); a violation aborts.
//
// Two input forms, so that the fuzzer reaches deep validation and not only the JSON parser:
//   - any bytes not starting with 0x01: the whole input is the project text;
//   - 0x01 i j op text: `text` is parsed (parseProjectText) as a JSON value and spliced into a
//     valid project (the v1 one below when op is even, the v0 one when odd) at node number
//     (i * 256 + j) modulo the node count. (op / 2) % 3 == 0 replaces the node, 1 adds a member
//     named kKeys[op / 6 % kKeys.size()] to the node (or its parent when it is not an object),
//     2 removes the node.
//
// Build and run (docs/project-format.md, "Tests and fuzzing"):
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz-project -DSQSNN_FUZZ=ON -DSQSNN_BUILD_GUI=OFF \
//       -DSQSNN_BUILD_BENCH=OFF "-DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link,address,undefined \
//       -fno-sanitize-recover=all"
//   cmake --build build-fuzz-project --target fuzz_project -j2
//   ./build-fuzz-project/tests/fuzz/fuzz_project -runs=1000000 -max_len=8192 corpus seeds
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

using nlohmann::json;
using Pointer = json::json_pointer;

const char *const kProjectV1 =
    R"({"data":{"bin_ms":12.5,"classes":[7,1,3],"crop":26,"dataset":"events-emulated","encoder":")"
    R"(events","image_size":16,"merge_polarities":false,"p_max":0.75,"path":"/data/some where/mni)"
    R"(st","test_samples":125,"time_steps":20,"train_samples":500},"description":"Every field set)"
    R"(.\nSecond line with \"quotes\" and a tab\t.","format_version":1,"history":[{"accuracy":0.5)"
    R"(,"epoch":1,"loss":0.69},{"epoch":2,"loss":0.41,"note":"x"}],"network":{"populations":[{"ki)"
    R"(nd":"input","name":"pixels","readout":false,"size":0},{"ansatz":{"generator":"hardware-eff)"
    R"(icient","layers":4},"io_qubits":2,"kind":"sqs","memory_qubits":3,"name":"hidden","readout")"
    R"(:false,"size":3},{"ansatz":{"gates":[{"gate":"CRX","param":0,"qubits":[1,0]},{"angle":0.12)"
    R"(345678901234568,"gate":"RY","qubits":[2]},{"gate":"H","qubits":[0]},{"gate":"CZ","qubits":)"
    R"([2,1]},{"gate":"CRZ","param":1,"qubits":[0,2]},{"angle":-3.5e-07,"gate":"RX","qubits":[1]})"
    R"(,{"gate":"SWAP","qubits":[0,1]},{"gate":"RZ","param":2,"qubits":[2]}],"generator":"custom")"
    R"(},"io_qubits":1,"kind":"sqs","memory_qubits":2,"name":"custom sqs","readout":false,"size":)"
    R"(2},{"kind":"qlif","name":"qlif","qlif_t1":42.5,"qlif_threshold":0.6,"readout":false,"size")"
    R"(:7},{"feedback_decay":0.75,"kind":"glm","name":"glm","readout":false,"self_feedback":false)"
    R"(,"size":5,"synaptic_decay":0.25},{"kind":"lif","lif_threshold":1.25,"membrane_decay":0.8,")"
    R"(name":"readout","readout":true,"size":2}],"projections":[{"bias":true,"connectivity":"dens)"
    R"(e","delay":0,"from":"pixels","to":"hidden"},{"bias":false,"connectivity":"channel-matched")"
    R"(,"delay":0,"from":"hidden","to":"custom sqs"},{"bias":false,"connectivity":"dense","delay")"
    R"(:3,"from":"custom sqs","to":"hidden"},{"bias":true,"connectivity":"dense","delay":1,"from")"
    R"(:"hidden","to":"qlif"},{"bias":false,"connectivity":"dense","delay":0,"from":"qlif","to":")"
    R"(glm"},{"bias":true,"connectivity":"dense","delay":0,"from":"glm","to":"readout"},{"bias":f)"
    R"(alse,"connectivity":"dense","delay":1000,"from":"pixels","to":"readout"}]},"parameters":{")"
    R"(population/custom sqs":[1.0,2.0,3.0],"population/hidden":[0.1,-2.5,3.141592653589793,1e-30)"
    R"(0,6.02e+05],"projection/custom sqs->hidden":[],"projection/pixels->hidden":[0.5,-0.5,0.0]})"
    R"(,"seed":9223372036854775813,"title":"Rich project \u00e9\u2713","training":{"baseline":tru)"
    R"(e,"batch_size":8,"clip_hidden_angles":0.04,"clip_hidden_weights":0.0,"clip_readout":0.1,"e)"
    R"(ligibility_smoothing":0.5,"epochs":100,"estimator":"shift","hidden_learning_rate_scale":0.)"
    R"(25,"learning_rate":0.001,"optimizer":"adam","shift_weights":"spsa","shots":1024,"signal_sm)"
    R"(oothing":0.9,"spsa_directions":9,"spsa_epsilon":0.01},"ui":{"anything":[null,true,"s",{"de)"
    R"(ep":[1,2,3]}],"nodes":{"hidden":{"x":10.5,"y":-3}},"zoom":1.25}})";

const char *const kProjectV0 =
    R"({"format_version":0,"title":"pre-release","seed":3,"network":{"populations":[{"name":"in",)"
    R"("kind":"input","size":0},{"name":"hidden","kind":"sqs","size":2,"io_qubits":1,"memory_qubi)"
    R"(ts":2,"ansatz":"hardware-efficient","layers":3},{"name":"custom","kind":"sqs","size":1,"an)"
    R"(satz":"custom","layers":5,"gates":[{"gate":"CRX","qubits":[1,0],"param":0},{"gate":"RY","q)"
    R"(ubits":[0],"angle":0.25}]},{"name":"out","kind":"sqs","size":2,"readout":true}],"projectio)"
    R"(ns":[{"from":"in","to":"hidden"},{"from":"hidden","to":"out"}]},"training":{"lr":0.05,"hid)"
    R"(den_lr_scale":0.3,"epochs":4}})";

constexpr std::array<const char *, 40> kKeys = {
    "format_version", "title", "seed", "network", "data", "training", "parameters", "history",
    "ui", "populations", "projections", "name", "kind", "size", "readout", "io_qubits",
    "memory_qubits", "ansatz", "generator", "layers", "gates", "gate", "qubits", "param",
    "angle", "qlif_threshold", "synaptic_decay", "membrane_decay", "from", "to", "delay",
    "classes", "p_max", "time_steps", "learning_rate", "lr", "epochs", "population/hidden",
    "projection/pixels->hidden", "estimator"};

// Every node of `j` as a JSON pointer, in a fixed order.
void collectPointers(const json &j, const Pointer &at, std::vector<Pointer> &out)
{
    out.push_back(at);
    if (j.is_object()) {
        for (const auto &item : j.items())
            collectPointers(item.value(), at / item.key(), out);
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i)
            collectPointers(j[i], at / i, out);
    }
}

struct Base
{
    json doc;
    std::vector<Pointer> nodes;
    explicit Base(const char *text) : doc(json::parse(text)) { collectPointers(doc, Pointer(), nodes); }
};

json splice(const std::uint8_t *data, std::size_t size)
{
    static const Base v1(kProjectV1), v0(kProjectV0);
    if (size < 4)
        return json();
    const std::uint8_t op = data[3];
    const Base &base = op % 2 ? v0 : v1;
    json doc = base.doc;
    const Pointer at = base.nodes[(std::size_t(data[1]) * 256 + data[2]) % base.nodes.size()];
    const std::string_view text(reinterpret_cast<const char *>(data) + 4, size - 4);
    switch (op / 2 % 3) {
    case 0:
        doc[at] = sqsnn::parseProjectText(text, "fuzz splice");
        break;
    case 1: {
        const Pointer object = doc[at].is_object() || at.empty() ? at : at.parent_pointer();
        if (doc[object].is_object())
            doc[object][kKeys[op / 6 % kKeys.size()]] = sqsnn::parseProjectText(text, "fuzz splice");
        break;
    }
    default:
        if (!at.empty()) {
            json &parent = doc[at.parent_pointer()];
            if (parent.is_object())
                parent.erase(at.back());
            else
                parent.erase(std::stoul(at.back()));
        }
        break;
    }
    return doc;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    sqsnn::Project project;
    try {
        const json doc = size > 0 && data[0] == 0x01
                             ? splice(data, size)
                             : sqsnn::parseProjectText(
                                   std::string_view(reinterpret_cast<const char *>(data), size),
                                   "fuzz");
        project = sqsnn::projectFromJson(doc, "fuzz");
    } catch (const sqsnn::Error &) {
        return 0;
    } catch (const nlohmann::json::exception &) {
        return 0;
    }
    // Accepted: the canonical form must be accepted again and be a fixed point. No exception
    // is expected here, so none is caught.
    const json canonical = sqsnn::projectToJson(project);
    const sqsnn::Project again = sqsnn::projectFromJson(canonical, "fuzz (canonical)");
    if (!(again == project) || sqsnn::projectToJson(again) != canonical) {
        std::fprintf(stderr, "canonical round trip changed the project\n");
        std::abort();
    }
    const std::string text = canonical.dump(2);
    if (text.empty())
        std::abort();
    return 0;
}
