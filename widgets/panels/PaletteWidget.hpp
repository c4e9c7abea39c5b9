#pragma once
// The node palette: one entry per registry type with its icon and description. Drag an entry
// onto the canvas to add the node there; double-click adds it at the centre of the view.
#include <QListWidget>

namespace sqsnn::lab {

class PaletteWidget : public QListWidget
{
    Q_OBJECT
public:
    explicit PaletteWidget(QWidget *parent = nullptr);

Q_SIGNALS:
    void activatedType(const QString &typeId);

protected:
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
    QStringList mimeTypes() const override;
};

} // namespace sqsnn::lab
