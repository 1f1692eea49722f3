#include "importexport/ImportProgressPage.h"

#include "importexport/ImportWizard.h"
#include "importexport/ProgressPanel.h"

#include <QAbstractButton>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

namespace outpost {

ImportProgressPage::ImportProgressPage(ImportWizard* wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
    , m_progress(new ProgressPanel(this))
    , m_counter(new QLabel(this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("importProgressPage"));
    setTitle(ImportWizard::tr("Importing"));
    setSubTitle(ImportWizard::tr("The contacts are written as one batch: all of them, or none if you cancel."));
    setCommitPage(true); // the result cannot go back to a finished import
    setButtonText(QWizard::CommitButton, ImportWizard::tr("&Next"));
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_counter->setObjectName(QStringLiteral("importCounter"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setText(ImportWizard::tr("Cancel stops the import at once and keeps nothing of it: the contacts stay "
                                     "exactly as they were."));
    m_counter->setTextFormat(Qt::PlainText);

    auto* layout = new QVBoxLayout(this);
    layout->addSpacing(12);
    layout->addWidget(m_progress);
    layout->addWidget(m_counter);
    layout->addSpacing(12);
    layout->addWidget(m_note);
    layout->addStretch(1);

    connect(wizard, &ImportWizard::importProgress, this, &ImportProgressPage::showProgress);
    connect(wizard, &ImportWizard::importFinished, this, &ImportProgressPage::finished);
}

void ImportProgressPage::initializePage()
{
    m_progress->reset();
    m_progress->setProgress(0, 0);
    m_progress->setStatus(ImportWizard::tr("Importing %1…").arg(QFileInfo(m_wizard->filePath()).fileName()));
    m_counter->setText(ImportWizard::tr("Reading the file…"));
    m_wizard->startImport();
    if (QAbstractButton* cancel = m_wizard->button(QWizard::CancelButton)) {
        cancel->setEnabled(true);
        cancel->setFocus();
    }
}

bool ImportProgressPage::isComplete() const
{
    return !m_wizard->isImporting() && m_wizard->importResult().has_value();
}

void ImportProgressPage::cancelRequested()
{
    if (!m_wizard->isImporting())
        return;
    m_wizard->cancelImport();
    m_progress->setStatus(ImportWizard::tr("Cancelling… nothing of this import will be kept."));
    if (QAbstractButton* cancel = m_wizard->button(QWizard::CancelButton))
        cancel->setEnabled(false);
}

void ImportProgressPage::showProgress(const ImportProgress& p)
{
    const QLocale locale;
    m_progress->setProgress(p.bytesDone, p.bytesTotal);
    m_counter->setText(ImportWizard::tr("%1 read: %2 new, %3 updated, %4 skipped, %5 rejected")
                           .arg(ImportWizard::tr("%Ln row(s)", nullptr, int(std::min<qint64>(p.records, INT_MAX))),
                                locale.toString(p.created), locale.toString(p.updated), locale.toString(p.skipped),
                                locale.toString(p.rejected)));
}

void ImportProgressPage::finished()
{
    emit completeChanged();
    if (QAbstractButton* cancel = m_wizard->button(QWizard::CancelButton))
        cancel->setEnabled(true);
    if (m_wizard->currentPage() == this)
        m_wizard->next();
}

} // namespace outpost
