#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace outpost {

// What long work is doing: a line of status ("Imported 12,000 of about 100,000 rows…"), a progress bar
// (busy while the total is unknown) and, where the work can be cancelled, a Cancel button. Used by the
// import wizard, the import history and the export dialog.
class ProgressPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProgressPanel(QWidget* parent = nullptr);

    void setStatus(const QString& text);
    QString status() const;
    // total <= 0: a busy indicator.
    void setProgress(qint64 done, qint64 total);
    // Shows the Cancel button (off by default); cancelRequested() tells of a click.
    void setCancellable(bool cancellable);
    // After a click: the button is disabled and says so until reset().
    void setCancelling();
    void reset();

    QProgressBar* bar() const { return m_bar; }
    QPushButton* cancelButton() const { return m_cancel; }

signals:
    void cancelRequested();

private:
    QLabel* m_status;
    QProgressBar* m_bar;
    QPushButton* m_cancel;
};

} // namespace outpost
