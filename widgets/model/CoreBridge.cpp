#include "model/CoreBridge.hpp"

#include "data/DataLoader.hpp"
#include "project/ProjectIo.hpp"

#include "common/Error.hpp"

#include <set>

namespace sqsnn::lab {

int inputLines(const DataSpec &d)
{
    try {
        return inputLinesFor(d);
    } catch (const Error &) {
        return 0;
    }
}

int numClasses(const DataSpec &d)
{
    if (!d.classes.empty())
        return int(std::set<int>(d.classes.begin(), d.classes.end()).size());
    static const std::set<std::string> tenClass{"fashion-mnist", "mnist", "kmnist", "nmnist",
                                                "events-emulated", "mnist-dvs"};
    return tenClass.count(d.dataset) ? 10 : 0;
}

std::vector<NetworkIssue> validate(const Project &p)
{
    return validateNetwork(p.network, inputLines(p.data), numClasses(p.data));
}

std::int64_t parameterCount(const Project &p)
{
    return sqsnn::parameterCount(p.network, inputLines(p.data));
}

std::int64_t populationParameters(const Project &p, int population)
{
    return populationParameterCount(p.network.populations.at(population));
}

std::string checkFields(const NetworkSpec &network, const DataSpec &data,
                        const TrainingSpec &training)
{
    try {
        networkFromJson(networkToJson(network), "/network", "edit");
        dataFromJson(dataToJson(data), "/data", "edit");
        trainingFromJson(trainingToJson(training), "/training", "edit");
    } catch (const Error &e) {
        std::string msg = e.what();
        if (msg.starts_with("edit: "))
            msg = msg.substr(6);
        return msg;
    }
    return {};
}

nlohmann::json toJson(const Project &p) { return projectToJson(p); }

Project fromJson(const nlohmann::json &j, const std::string &source)
{
    return projectFromJson(j, source);
}

Project load(const std::string &path) { return loadProject(path); }

void save(const Project &p, const std::string &path) { saveProject(p, path); }

} // namespace sqsnn::lab
