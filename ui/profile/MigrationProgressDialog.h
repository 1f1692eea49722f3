#pragma once

#include <QDialog>

class QLabel;
class QProgressBar;

namespace outpost {

// "Updating your data…": shown, window-modal, over the unlock dialog while ProfileManager runs a profile's
// pending migrations on a worker thread. It has no Cancel: each migration is one transaction that cannot be
// stopped half-way, and closing Outpost meanwhile leaves the profile at its previous step (the step runs
// again at the next unlock), which the dialog says. The bar is busy: a migration reports no steps of its own.
class MigrationProgressDialog : public QDialog
{
    Q_OBJECT
public:
    explicit MigrationProgressDialog(QWidget* parent = nullptr);

    // Step `step` (from 1) of `steps` is running.
    void setStep(int step, int steps);

public slots:
    void reject() override; // Esc does nothing: nothing can be cancelled

private:
    QLabel* m_step;
    QProgressBar* m_progress;
};

} // namespace outpost
