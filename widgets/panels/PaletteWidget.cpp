#include "panels/PaletteWidget.hpp"

#include "model/NodeRegistry.hpp"
#include "window/Resources.hpp"

#include <QMimeData>

namespace sqsnn::lab {

PaletteWidget::PaletteWidget(QWidget *parent) : QListWidget(parent)
{
    initResources();
    setObjectName(QStringLiteral("palette"));
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setIconSize(QSize(32, 32));
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    setSpacing(3);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setUniformItemSizes(false);
    setResizeMode(QListView::Adjust);
    for (const NodeType &type : NodeRegistry::instance().types()) {
        auto *item = new QListWidgetItem(QIcon(type.icon), type.label + QLatin1Char('\n') + type.description);
        item->setData(Qt::UserRole, type.id);
        item->setToolTip(QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                             .arg(type.label, type.description,
                                  tr("Drag onto the canvas, or double-click to add")));
        addItem(item);
    }
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT activatedType(item->data(Qt::UserRole).toString());
    });
}

QStringList PaletteWidget::mimeTypes() const { return {QString::fromLatin1(kNodeMimeType)}; }

QMimeData *PaletteWidget::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(kNodeMimeType, items.first()->data(Qt::UserRole).toString().toUtf8());
    return data;
}

} // namespace sqsnn::lab
