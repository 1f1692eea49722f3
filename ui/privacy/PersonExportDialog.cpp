#include "privacy/PersonExportDialog.h"

#include "importexport/BackgroundJob.h"
#include "importexport/ProgressPanel.h"
#include "privacy/PersonExport.h"
#include "profile/Workspace.h"
#include "storage/Database.h"
#include "widgets/MessageLabel.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <memory>

namespace outpost {

namespace {
// A folder name from the person's name and today's date, without characters file systems refuse.
QString defaultFolderName(const QString& displayName)
{
    QString name = displayName;
    name.replace(QRegularExpression(QStringLiteral(R"([\\/:*?"<>|\x00-\x1f])")), QStringLiteral("_"));
    return PersonExportDialog::tr("%1 personal data %2").arg(name.trimmed(), QDate::currentDate().toString(Qt::ISODate));
}
} // namespace

PersonExportDialog::PersonExportDialog(Workspace& workspace, const QString& contactId, const QString& displayName,
                                       QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_contactId(contactId)
    , m_folder(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_progress(new ProgressPanel(this))
    , m_message(new MessageLabel(this))
    , m_export(new QPushButton(tr("&Export"), this))
    , m_close(new QPushButton(tr("Close"), this))
    , m_job(new BackgroundJob(workspace.database(), this))
{
    setObjectName(QStringLiteral("personExportDialog"));
    setWindowTitle(tr("Export Personal Data"));
    m_folder->setObjectName(QStringLiteral("personExportFolder"));
    m_export->setObjectName(QStringLiteral("personExportButton"));
    m_message->setObjectName(QStringLiteral("personExportMessage"));

    auto* what = new QLabel(tr("Everything this profile holds about \u201c%1\u201d: the contact, consents, shares, "
                               "distributor record, audit log entries, import and merge history and changes not "
                               "yet synced — as person.json and one CSV file per part, in a new folder.")
                                .arg(displayName),
                            this);
    what->setWordWrap(true);
    QString base = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (base.isEmpty())
        base = QDir::homePath();
    m_folder->setText(QDir::toNativeSeparators(QDir(base).filePath(defaultFolderName(displayName))));
    m_progress->setCancellable(true);
    m_progress->hide();
    m_export->setDefault(true);

    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);
    auto* folderLabel = new QLabel(tr("New &folder:"), this);
    folderLabel->setBuddy(m_folder);
    auto* form = new QFormLayout;
    form->addRow(folderLabel, folderRow);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addLayout(buttons);
    setMinimumWidth(560);

    connect(m_job, &BackgroundJob::runningChanged, this, &PersonExportDialog::busyChanged);
    connect(m_browse, &QPushButton::clicked, this, &PersonExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &PersonExportDialog::startExport);
    connect(m_close, &QPushButton::clicked, this, &PersonExportDialog::reject);
    connect(m_progress, &ProgressPanel::cancelRequested, this, [this] {
        m_progress->setCancelling();
        m_job->cancel();
    });
}

PersonExportDialog::~PersonExportDialog()
{
    m_job->cancel();
    m_job->wait();
}

bool PersonExportDialog::isRunning() const
{
    return m_job->isRunning();
}

void PersonExportDialog::reject()
{
    if (m_job->isRunning()) {
        m_progress->setCancelling();
        m_job->cancel();
        return;
    }
    QDialog::reject();
}

void PersonExportDialog::browse()
{
    const QString parent = QFileDialog::getExistingDirectory(this, tr("Export Into"), QFileInfo(m_folder->text()).path());
    if (!parent.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(QDir(parent).filePath(QFileInfo(m_folder->text()).fileName())));
}

void PersonExportDialog::startExport()
{
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    if (folder.isEmpty()) {
        m_message->showError(tr("Choose a folder name."));
        return;
    }
    struct Outcome
    {
        Result<PersonExport::Summary> summary = Error(ErrorCode::Unknown, PersonExportDialog::tr("The export did not finish."));
    };
    auto outcome = std::make_shared<Outcome>();
    Database& db = m_workspace.database();
    const QString id = m_contactId;
    BackgroundJob* job = m_job;
    m_export->setEnabled(false);
    m_browse->setEnabled(false);
    m_folder->setEnabled(false);
    m_message->clearMessage();
    m_progress->reset();
    m_progress->show();
    m_progress->setStatus(tr("Exporting…"));
    m_progress->setProgress(0, 0);
    connect(m_job, &BackgroundJob::finished, this, [this, outcome] {
        m_progress->hide();
        m_export->setEnabled(true);
        m_browse->setEnabled(true);
        m_folder->setEnabled(true);
        if (!outcome->summary) {
            m_message->showError(outcome->summary.message());
            adjustSize();
            return;
        }
        m_message->showMessage(MessageLabel::Kind::Success,
                               tr("Exported %Ln record(s) to %1.", nullptr, int(outcome->summary->rows))
                                   .arg(QDir::toNativeSeparators(outcome->summary->folder)));
        m_export->setEnabled(false);
        adjustSize(); // the message may wrap onto more lines
        emit exported(outcome->summary->folder);
    }, Qt::SingleShotConnection);
    m_job->start([&db, id, folder, outcome, job] {
        QSqlDatabase conn = db.connection();
        outcome->summary = PersonExport::write(conn, id, folder, QDateTime::currentMSecsSinceEpoch(),
                                               [job] { return job->isCancelRequested(); });
    });
}

} // namespace outpost
