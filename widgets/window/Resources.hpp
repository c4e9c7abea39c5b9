#pragma once
// Registers resources/resources.qrc (icons, style sheets) compiled into the static widgets
// library; a static library's resources are not registered by themselves. Idempotent.
namespace sqsnn::lab {
void initResources();
} // namespace sqsnn::lab
