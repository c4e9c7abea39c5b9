#pragma once
// Light and dark themes: Fusion style, a palette, and a small style sheet from resources.
#include <QString>

namespace sqsnn::lab {

// theme: "light" or "dark". Remembered by the caller (QSettings "view/theme").
void applyTheme(const QString &theme);

} // namespace sqsnn::lab
