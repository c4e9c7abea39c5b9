#pragma once
// A density matrix as a heat map: cell colour = magnitude |rho_ab| (0 .. 1), a short arrow per
// cell = the phase arg(rho_ab) (pointing right for real positive), basis labels |0..0> ...
#include <Eigen/Dense>

#include <QWidget>

namespace sqsnn::lab {

class DensityMatrixWidget : public QWidget
{
    Q_OBJECT
public:
    explicit DensityMatrixWidget(QWidget *parent = nullptr);
    void setMatrix(const Eigen::MatrixXcd &rho);
    const Eigen::MatrixXcd &matrix() const { return m_rho; }
    QSize sizeHint() const override { return {220, 220}; }
    QSize minimumSizeHint() const override { return {100, 100}; }

protected:
    void paintEvent(QPaintEvent *) override;

private:
    Eigen::MatrixXcd m_rho;
};

} // namespace sqsnn::lab
