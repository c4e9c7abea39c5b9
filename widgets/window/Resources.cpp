#include "window/Resources.hpp"

#include <QtCore/qglobal.h>

static void initLabResources() { Q_INIT_RESOURCE(resources); }

namespace sqsnn::lab {

void initResources()
{
    static const bool done = (initLabResources(), true);
    (void)done;
}

} // namespace sqsnn::lab
