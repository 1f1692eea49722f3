#include "importexport/ImportWizard.h"

#include "importexport/BackgroundJob.h"
#include "importexport/ImportFilePage.h"
#include "importexport/ImportMappingPage.h"
#include "importexport/ImportMatchingPage.h"
#include "importexport/ImportProgressPage.h"
#include "importexport/ImportResultPage.h"
#include "importexport/ImportUndoTask.h"
#include "profile/Workspace.h"
#include "theme/ThemedIcon.h"

#include <QAbstractButton>
#include <QDir>
#include <QGuiApplication>
#include <QScreen>

namespace outpost {

namespace {
const QStringList kNamingFields = {QStringLiteral("firstName"), QStringLiteral("lastName"), QStringLiteral("company"),
                                   QStringLiteral("email")};
}

ImportWizard::ImportWizard(Workspace& workspace, QWidget* parent)
    : QWizard(parent)
    , m_workspace(workspace)
    , m_job(new BackgroundJob(workspace.database(), this))
    , m_undo(new ImportUndoTask(workspace, this))
{
    setObjectName(QStringLiteral("importWizard"));
    setWindowTitle(tr("Import Contacts"));
#ifndef Q_OS_MACOS
    setWizardStyle(QWizard::ModernStyle);
#endif
    setPixmap(QWizard::LogoPixmap, themedIcon(QStringLiteral("import")).pixmap(QSize(40, 40)));
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::DisabledBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setOption(QWizard::HaveHelpButton, false);

    m_errorFilePath = m_tempDir.isValid() ? m_tempDir.filePath(QStringLiteral("rejected-lines.csv")) : QString();

    m_filePage = new ImportFilePage(this);
    m_mappingPage = new ImportMappingPage(this);
    m_matchingPage = new ImportMatchingPage(this);
    m_progressPage = new ImportProgressPage(this);
    m_resultPage = new ImportResultPage(this);
    setPage(FilePageId, m_filePage);
    setPage(MappingPageId, m_mappingPage);
    setPage(MatchingPageId, m_matchingPage);
    setPage(ProgressPageId, m_progressPage);
    setPage(ResultPageId, m_resultPage);
    setStartId(FilePageId);

    setButtonText(QWizard::NextButton, tr("&Next"));
    setButtonText(QWizard::BackButton, tr("&Back"));
    setButtonText(QWizard::FinishButton, tr("&Close"));
    setButtonText(QWizard::CancelButton, tr("Cancel"));
    setButtonText(QWizard::CommitButton, tr("&Import"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("wizardNextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("wizardBackButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("wizardFinishButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("wizardCancelButton"));
    button(QWizard::CommitButton)->setObjectName(QStringLiteral("wizardImportButton"));

    connect(m_job, &BackgroundJob::finished, this, [this] {
        m_result = *m_running;
        m_running.reset();
        emit importFinished();
        emit busyChanged(isBusy());
    });
    connect(m_undo, &ImportUndoTask::runningChanged, this, [this] { emit busyChanged(isBusy()); });

    setMinimumSize(720, 540);
    QSize size(900, 660);
    if (const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableSize() * 0.9);
    resize(size);
}

ImportWizard::~ImportWizard()
{
    // The workers refer to the workspace only; stop them before the pages go.
    m_job->cancel();
    m_job->wait();
    m_undo->cancel();
    m_undo->wait();
}

void ImportWizard::setFilePath(const QString& path)
{
    m_filePage->setPath(path);
}

QString ImportWizard::filePath() const
{
    return m_filePage->path();
}

Status ImportWizard::reloadPreview(const QString& path)
{
    ++m_previewGeneration;
    auto preview = ImportFilePreview::read(path, m_settings);
    if (!preview) {
        m_preview.reset();
        return preview.error();
    }
    const bool sameHeader = m_preview && m_preview->format() == ImportFormat::Csv
                            && preview->format() == ImportFormat::Csv && m_preview->header() == preview->header()
                            && m_mapping.header() == preview->header();
    m_preview = std::move(preview.value());
    if (!sameHeader)
        m_mapping = m_preview->format() == ImportFormat::Csv ? ColumnMapping::guess(m_preview->header()) : ColumnMapping();
    return {};
}

void ImportWizard::clearPreview()
{
    ++m_previewGeneration;
    m_preview.reset();
    m_mapping = ColumnMapping();
}

bool ImportWizard::mappingNamesContacts() const
{
    for (const QString& field : kNamingFields)
        if (!m_mapping.columnsFor(field).isEmpty())
            return true;
    return false;
}

ContactImporter::Options ImportWizard::importOptions() const
{
    ContactImporter::Options o;
    o.format = m_preview ? m_preview->format() : m_settings.format;
    o.encoding = m_settings.encoding;
    if (o.format == ImportFormat::Csv) {
        o.delimiter = m_preview ? m_preview->delimiter() : m_settings.delimiter;
        o.mapping = m_mapping;
    }
    o.matchEmail = m_matching.match && m_matching.byEmail;
    o.matchPhone = m_matching.match && m_matching.byPhone;
    o.onMatch = m_matching.onMatch;
    return o;
}

void ImportWizard::startImport()
{
    if (m_job->isRunning())
        return;
    m_result.reset();
    ContactImporter::Options options = importOptions();
    options.errorFilePath = m_errorFilePath;
    const QString path = filePath();
    auto result = std::make_shared<Result<ImportReport>>(Error(ErrorCode::Unknown, tr("The import did not finish.")));
    m_running = result;
    Workspace* workspace = &m_workspace;
    BackgroundJob* job = m_job;
    m_job->start([this, workspace, job, path, options, result]() mutable {
        options.cancel = job->cancelFlag();
        options.onProgress = [this, job](const ImportProgress& p) { job->post([this, p] { emit importProgress(p); }); };
        ContactImporter importer(workspace->database(), workspace->mutations());
        *result = importer.importFile(path, options);
    });
    emit busyChanged(true);
}

bool ImportWizard::isImporting() const
{
    return m_job->isRunning();
}

void ImportWizard::cancelImport()
{
    m_job->cancel();
}

bool ImportWizard::isBusy() const
{
    return m_job->isRunning() || m_undo->isRunning();
}

QString ImportWizard::busyMessage() const
{
    if (m_job->isRunning())
        return tr("An import is running. Cancel it in the Import Contacts window (nothing of it is kept), or wait "
                  "until it has finished.");
    if (m_undo->isRunning())
        return tr("An import is being undone. Wait until it has finished, or cancel it in the Import Contacts "
                  "window.");
    return {};
}

void ImportWizard::reject()
{
    if (m_job->isRunning()) {
        m_progressPage->cancelRequested();
        return; // the Result page shows the cancelled import
    }
    if (m_undo->isRunning()) {
        m_undo->cancel();
        return;
    }
    QWizard::reject();
}

} // namespace outpost
