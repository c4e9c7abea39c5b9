#pragma once
// Versions of the project file and the chain of upgraders (Qt Creator style).
//
// Every document carries an integer `format_version`. A build reads every version from 0 up to
// kProjectFormatVersion: an older document is brought up to date by the upgraders, one version
// at a time (v -> v + 1), before it is validated; a newer one is refused, and a document
// without a version is refused too (it is never guessed).
//
// History (docs/project-format.md has the details):
//   0  the lab's pre-release layout: a population's ansatz was a plain string
//      ("ansatz": "sqs-crx") with "layers" (and, for "custom", "gates") on the population;
//      training used "lr" and "hidden_lr_scale".
//   1  the ansatz is an object {"generator", "layers" | "gates"}; "learning_rate" and
//      "hidden_learning_rate_scale".
//
// To add version N + 1: bump kProjectFormatVersion (Project.hpp), write one function
// upgradeVNToVN1 and append it to the list in ProjectUpgrade.cpp (a static_assert checks the
// list is as long as the version), document it in docs/project-format.md, and add a test file.
#include <nlohmann/json.hpp>

#include <span>
#include <string>

namespace sqsnn {

// Turns a format_version v document into a v + 1 one. May throw InputError (naming `source`)
// when the old document cannot be carried over unambiguously; otherwise it moves what it knows
// and leaves everything else for validation to report.
using ProjectUpgrader = nlohmann::json (*)(nlohmann::json doc, const std::string &source);

// projectUpgraders()[v] upgrades version v to v + 1; the size is kProjectFormatVersion.
std::span<const ProjectUpgrader> projectUpgraders();

// The document's format_version. InputError "<source>: /format_version: ..." when it is
// missing or not an integer >= 0, and "<source>: was written by a newer SQSNN Lab
// (format_version 7); this build reads up to 1" when it is newer than this build.
int projectFormatVersionOf(const nlohmann::json &doc, const std::string &source);

// Applies the upgraders from the document's version up to kProjectFormatVersion; the result
// has format_version == kProjectFormatVersion. A current document is returned unchanged.
nlohmann::json upgradeProjectJson(nlohmann::json doc, const std::string &source);

} // namespace sqsnn
