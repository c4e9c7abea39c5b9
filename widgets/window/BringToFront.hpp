#pragma once
// Brings a dock to the front of its tab group. QWidget::raise() does nothing when the dock is
// already last among its siblings (for example after another tab was clicked), so it is lowered
// first: the raise then always reaches QDockWidget, which selects its tab.
#include <QDockWidget>

namespace sqsnn::lab {

inline void bringToFront(QDockWidget *dock)
{
    dock->show();
    dock->lower();
    dock->raise();
}

} // namespace sqsnn::lab
