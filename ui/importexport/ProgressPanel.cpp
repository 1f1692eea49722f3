#include "importexport/ProgressPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace outpost {

namespace {
constexpr int kSteps = 1000; // QProgressBar counts in int: progress is shown in thousandths
}

ProgressPanel::ProgressPanel(QWidget* parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_bar->setRange(0, kSteps);
    m_bar->setValue(0);
    m_bar->setTextVisible(true);
    m_cancel->setVisible(false);
    m_cancel->setAutoDefault(false);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_bar, 1);
    row->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addLayout(row);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        setCancelling();
        emit cancelRequested();
    });
}

void ProgressPanel::setStatus(const QString& text)
{
    m_status->setText(text);
}

QString ProgressPanel::status() const
{
    return m_status->text();
}

void ProgressPanel::setProgress(qint64 done, qint64 total)
{
    if (total <= 0) {
        m_bar->setRange(0, 0); // busy
        return;
    }
    m_bar->setRange(0, kSteps);
    m_bar->setValue(int(std::clamp<qint64>(done * kSteps / total, 0, kSteps)));
}

void ProgressPanel::setCancellable(bool cancellable)
{
    m_cancel->setVisible(cancellable);
}

void ProgressPanel::setCancelling()
{
    m_cancel->setEnabled(false);
    m_cancel->setText(tr("Cancelling…"));
}

void ProgressPanel::reset()
{
    m_cancel->setEnabled(true);
    m_cancel->setText(tr("Cancel"));
    m_bar->setRange(0, kSteps);
    m_bar->setValue(0);
    m_status->clear();
}

} // namespace outpost
