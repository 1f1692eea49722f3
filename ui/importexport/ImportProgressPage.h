#pragma once

#include <QWizardPage>

class QLabel;

namespace outpost {

class ImportWizard;
class ProgressPanel;
struct ImportProgress;

// The import wizard's running step: the import runs on a worker thread; this page shows how far it got
// (progress bar over the file's bytes, and a counter of rows read, created, updated, skipped and rejected).
// The wizard's Cancel stops it, and nothing of it is kept. When it ends the wizard moves on to the result.
class ImportProgressPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ImportProgressPage(ImportWizard* wizard);

    void initializePage() override;
    bool isComplete() const override;

    // The wizard's Cancel while the import runs.
    void cancelRequested();

private:
    void showProgress(const struct ImportProgress& p);
    void finished();

    ImportWizard* m_wizard;
    ProgressPanel* m_progress;
    QLabel* m_counter;
    QLabel* m_note;
};

} // namespace outpost
