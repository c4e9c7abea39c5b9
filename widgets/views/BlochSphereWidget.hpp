#pragma once
// One qubit's Bloch sphere drawn with QPainter (no OpenGL): the state's Bloch vector (inside
// the sphere when the qubit is mixed, i.e. entangled with the rest of the neuron or uncertain),
// a fading trail of recent steps and a flash of the measured outcome. Drag to rotate.
#include <Eigen/Dense>

#include <QElapsedTimer>
#include <QWidget>

#include <deque>

namespace sqsnn::lab {

class BlochSphereWidget : public QWidget
{
    Q_OBJECT
public:
    explicit BlochSphereWidget(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    // Appends a step: its Bloch vector and, for measured (I/O) qubits, the outcome (0/1; -1 none).
    void addState(const Eigen::Vector3d &bloch, int outcome = -1);
    void clear();
    Eigen::Vector3d current() const { return m_trail.empty() ? Eigen::Vector3d::Zero() : m_trail.back(); }
    void setView(double yaw, double pitch);

    QSize sizeHint() const override { return {180, 200}; }
    QSize minimumSizeHint() const override { return {110, 130}; }

protected:
    void paintEvent(QPaintEvent *) override;
    void mousePressEvent(QMouseEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;

private:
    QPointF project(const Eigen::Vector3d &v, QPointF c, double r, double *depth = nullptr) const;

    QString m_title;
    std::deque<Eigen::Vector3d> m_trail; // oldest first, newest last
    int m_outcome = -1;
    QElapsedTimer m_flash;
    double m_yaw = -0.6, m_pitch = 0.35;
    QPoint m_drag;
};

} // namespace sqsnn::lab
