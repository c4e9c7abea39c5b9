#pragma once
// QCustomPlot's header uses the `signals`/`slots`/`emit`/`foreach` keywords, which the build
// turns off (QT_NO_KEYWORDS); map them to the macros for this one include.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
