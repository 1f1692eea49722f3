#include "importexport/ExportDialog.h"

#include "contacts/ContactRepository.h"
#include "importexport/BackgroundJob.h"
#include "importexport/ContactExporter.h"
#include "importexport/ProgressPanel.h"
#include "profile/Workspace.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QStyle>
#include <QVBoxLayout>

namespace outpost {

struct ExportOutcome
{
    Result<qint64> written = Error(ErrorCode::Unknown, ExportDialog::tr("The export did not finish."));
    QString path;
    bool replaced = false; // a file was there before
};

namespace {

QString withSuffix(const QString& path, const QString& suffix)
{
    const QFileInfo info(path);
    if (info.fileName().isEmpty())
        return path;
    return QDir(info.path()).filePath(info.completeBaseName() + QLatin1Char('.') + suffix);
}

} // namespace

ExportDialog::ExportDialog(Workspace& workspace, const Scope& scope, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_scope(scope)
    , m_csv(new QRadioButton(tr("&CSV, for spreadsheets and other CRMs"), this))
    , m_vcard(new QRadioButton(tr("&vCard 4.0 (.vcf), for address books and phones"), this))
    , m_bom(new QCheckBox(tr("Start the file with a byte-order &mark (Excel needs it to read UTF-8)"), this))
    , m_searchScope(new QRadioButton(this))
    , m_allScope(new QRadioButton(this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_progress(new ProgressPanel(this))
    , m_message(new MessageLabel(this))
    , m_exportButton(new QPushButton(tr("&Export"), this))
    , m_closeButton(new QPushButton(tr("Close"), this))
    , m_job(new BackgroundJob(workspace.database(), this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export Contacts"));
    m_csv->setObjectName(QStringLiteral("exportCsvRadio"));
    m_vcard->setObjectName(QStringLiteral("exportVCardRadio"));
    m_bom->setObjectName(QStringLiteral("exportBomCheck"));
    m_searchScope->setObjectName(QStringLiteral("exportSearchRadio"));
    m_allScope->setObjectName(QStringLiteral("exportAllRadio"));
    m_path->setObjectName(QStringLiteral("exportFileEdit"));
    m_browse->setObjectName(QStringLiteral("exportBrowseButton"));
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_message->setObjectName(QStringLiteral("exportMessage"));
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_closeButton->setObjectName(QStringLiteral("exportCloseButton"));

    const QLocale locale;
    auto* format = new QGroupBox(tr("Format"), this);
    auto* formatLayout = new QVBoxLayout(format);
    formatLayout->addWidget(m_csv);
    auto* bomRow = new QHBoxLayout;
    bomRow->addSpacing(m_csv->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth) + 8);
    bomRow->addWidget(m_bom, 1);
    formatLayout->addLayout(bomRow);
    formatLayout->addWidget(m_vcard);
    auto* formats = new QButtonGroup(this);
    formats->addButton(m_csv);
    formats->addButton(m_vcard);
    m_csv->setChecked(true);
    m_bom->setChecked(true);

    auto* which = new QGroupBox(tr("Contacts"), this);
    auto* whichLayout = new QVBoxLayout(which);
    const bool searching = scope.hasSubset();
    const int matches = int(std::min<qint64>(scope.matches, INT_MAX));
    if (scope.segment)
        m_searchScope->setText(scope.matches >= 0
                                   ? tr("The %Ln contact(s) of the segment \u201c%1\u201d", nullptr, matches).arg(scope.segmentName)
                                   : tr("The contacts of the segment \u201c%1\u201d").arg(scope.segmentName));
    else if (searching)
        m_searchScope->setText(scope.matches >= 0
                                   ? tr("The %Ln contact(s) matching \u201c%1\u201d", nullptr, matches).arg(scope.search.trimmed())
                                   : tr("The contacts matching \u201c%1\u201d").arg(scope.search.trimmed()));
    else
        m_searchScope->setText(tr("The contacts of the current search"));
    m_allScope->setText(scope.all >= 0 ? tr("&All %Ln contact(s)", nullptr, int(std::min<qint64>(scope.all, INT_MAX)))
                                       : tr("&All contacts"));
    m_searchScope->setEnabled(searching);
    (searching ? m_searchScope : m_allScope)->setChecked(true);
    whichLayout->addWidget(m_searchScope);
    whichLayout->addWidget(m_allScope);
    auto* scopes = new QButtonGroup(this);
    scopes->addButton(m_searchScope);
    scopes->addButton(m_allScope);

    m_path->setClearButtonEnabled(true);
    m_browse->setIcon(themedIcon(QStringLiteral("folder")));
    m_browse->setAutoDefault(false);
    auto* fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(fileLabel);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);
    auto* fileNote = new QLabel(tr("The file is written under a temporary name and takes its name only when "
                                   "complete: a cancelled export leaves nothing behind."),
                                this);
    fileNote->setWordWrap(true);
    fileNote->setForegroundRole(QPalette::PlaceholderText);

    m_progress->setCancellable(true);
    m_progress->hide();
    m_exportButton->setIcon(themedIcon(QStringLiteral("export")));
    m_exportButton->setDefault(true);
    m_closeButton->setAutoDefault(false);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(which);
    layout->addWidget(format);
    layout->addLayout(fileRow);
    layout->addWidget(fileNote);
    layout->addStretch(1);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    setPath(QDir(dir.isEmpty() ? QDir::homePath() : dir)
                .filePath(tr("Contacts %1").arg(QDate::currentDate().toString(Qt::ISODate)) + QStringLiteral(".csv")));

    connect(m_csv, &QRadioButton::toggled, this, &ExportDialog::formatChosen);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_path, &QLineEdit::textChanged, this, [this] {
        m_replaceConfirmed = false;
        updateButtons();
    });
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::exportClicked);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_progress, &ProgressPanel::cancelRequested, m_job, &BackgroundJob::cancel);
    connect(m_job, &BackgroundJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setProgress(done, total);
        const QLocale l;
        m_progress->setStatus(total > 0 ? tr("Exported %1 of %2 contacts…").arg(l.toString(done), l.toString(total))
                                        : tr("Exported %1 contacts…").arg(l.toString(done)));
    });
    connect(m_job, &BackgroundJob::finished, this, &ExportDialog::finished);
    connect(m_job, &BackgroundJob::runningChanged, this, [this](bool running) {
        updateButtons();
        emit busyChanged(running);
    });

    setMinimumWidth(560);
    resize(640, sizeHint().height());
    updateButtons();
}

ExportDialog::~ExportDialog()
{
    m_job->cancel();
    m_job->wait();
}

void ExportDialog::setPath(const QString& path)
{
    m_path->setText(QDir::toNativeSeparators(path));
}

QString ExportDialog::path() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

bool ExportDialog::isBusy() const
{
    return m_job->isRunning();
}

qint64 ExportDialog::expectedCount() const
{
    return m_searchScope->isChecked() ? m_scope.matches : m_scope.all;
}

void ExportDialog::formatChosen()
{
    const bool csv = m_csv->isChecked();
    m_bom->setEnabled(csv);
    const QString suffix = QFileInfo(path()).suffix().toLower();
    if (csv && (suffix == QLatin1String("vcf") || suffix == QLatin1String("vcard")))
        setPath(withSuffix(path(), QStringLiteral("csv")));
    else if (!csv && suffix == QLatin1String("csv"))
        setPath(withSuffix(path(), QStringLiteral("vcf")));
}

void ExportDialog::browse()
{
    auto* dialog = new QFileDialog(this, tr("Export Contacts To"), path());
    dialog->setObjectName(QStringLiteral("exportFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    const bool csv = m_csv->isChecked();
    dialog->setDefaultSuffix(csv ? QStringLiteral("csv") : QStringLiteral("vcf"));
    dialog->setNameFilters({csv ? tr("CSV files (*.csv)") : tr("vCard files (*.vcf)"), tr("All files (*)")});
    dialog->selectFile(path());
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& file) {
        setPath(file);
        m_replaceConfirmed = true; // the file dialog asked already
    });
    dialog->open();
}

void ExportDialog::updateButtons()
{
    const bool running = m_job->isRunning();
    const QFileInfo target(path());
    m_exportButton->setEnabled(!running && !path().isEmpty() && !target.isDir());
    for (QWidget* w : {static_cast<QWidget*>(m_csv), static_cast<QWidget*>(m_vcard), static_cast<QWidget*>(m_path),
                       static_cast<QWidget*>(m_browse), static_cast<QWidget*>(m_allScope)})
        w->setEnabled(!running);
    m_bom->setEnabled(!running && m_csv->isChecked());
    m_searchScope->setEnabled(!running && m_scope.hasSubset());
    m_closeButton->setEnabled(!running);
}

void ExportDialog::exportClicked()
{
    const QFileInfo target(path());
    if (!QDir::isAbsolutePath(path())) {
        m_message->showError(tr("Choose where the file goes, with its complete path (Browse… helps)."));
        return;
    }
    if (!target.absoluteDir().exists()) {
        m_message->showError(tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(target.absolutePath())));
        return;
    }
    if (target.exists() && !m_replaceConfirmed) {
        auto* box = new QMessageBox(QMessageBox::Question, tr("Export Contacts"),
                                    tr("%1 already exists. Replace it?").arg(target.fileName()), QMessageBox::NoButton,
                                    this);
        box->setObjectName(QStringLiteral("confirmReplaceBox"));
        box->setInformativeText(tr("The file is replaced only once the export is complete."));
        box->setAttribute(Qt::WA_DeleteOnClose);
        QPushButton* replace = box->addButton(tr("&Replace"), QMessageBox::AcceptRole);
        replace->setObjectName(QStringLiteral("confirmReplaceButton"));
        box->addButton(QMessageBox::Cancel)->setObjectName(QStringLiteral("cancelReplaceButton"));
        box->setDefaultButton(replace);
        connect(box, &QMessageBox::buttonClicked, this, [this, replace](QAbstractButton* clicked) {
            if (clicked != replace)
                return;
            m_replaceConfirmed = true;
            startExport();
        });
        box->open();
        return;
    }
    startExport();
}

void ExportDialog::startExport()
{
    if (m_job->isRunning())
        return;
    m_message->clearMessage();
    ContactExporter::Options options;
    options.format = m_csv->isChecked() ? ContactExporter::Format::Csv : ContactExporter::Format::VCard;
    options.csvBom = m_bom->isChecked();
    if (m_searchScope->isChecked() && m_scope.segment)
        options.segment = m_scope.segment;
    else
        options.query = m_searchScope->isChecked() ? m_scope.search : QString();
    const QString target = path();
    const qint64 expected = expectedCount();
    auto outcome = std::make_shared<ExportOutcome>();
    outcome->path = target;
    outcome->replaced = QFileInfo::exists(target);
    m_outcome = outcome;

    m_progress->reset();
    m_progress->setStatus(tr("Exporting to %1…").arg(QFileInfo(target).fileName()));
    m_progress->setProgress(0, 0);
    m_progress->show();
    Workspace* workspace = &m_workspace;
    BackgroundJob* job = m_job;
    m_job->start([workspace, job, options, target, expected, outcome]() mutable {
        qint64 total = expected;
        if (total < 0) { // not counted yet: count here, off the UI thread
            ContactRepository repo(workspace->database());
            auto n = options.query.trimmed().isEmpty() ? repo.count()
                                                       : repo.searchCount(ContactQuery::parse(options.query));
            total = n ? n.value() : -1;
        }
        job->reportProgress(0, total);
        options.cancel = job->cancelFlag();
        options.progress = [job, total](qint64 done) { job->reportProgress(done, total); };
        ContactExporter exporter(workspace->database());
        outcome->written = exporter.exportFile(target, options);
    });
}

void ExportDialog::finished()
{
    m_progress->hide();
    const ExportOutcome& o = *m_outcome;
    const QString where = QDir::toNativeSeparators(o.path);
    if (o.written) {
        m_message->showMessage(MessageLabel::Kind::Success,
                               tr("Exported %1 to %2.")
                                   .arg(tr("%Ln contact(s)", nullptr, int(std::min<qint64>(o.written.value(), INT_MAX))),
                                        where));
        m_replaceConfirmed = true; // exporting again to the same file replaces what this export wrote
        emit exported(o.path, o.written.value());
    } else if (o.written.code() == ErrorCode::Cancelled) {
        m_message->showMessage(MessageLabel::Kind::Warning,
                               o.replaced ? tr("The export was cancelled; %1 was left as it was.").arg(where)
                                          : tr("The export was cancelled; no file was written."));
    } else {
        m_message->showError(tr("The export failed: %1").arg(o.written.message()));
    }
    updateButtons();
    m_closeButton->setFocus();
}

void ExportDialog::reject()
{
    if (m_job->isRunning()) {
        // Esc or the window's close button while exporting: cancel; the dialog says how it ended.
        m_progress->setCancelling();
        m_job->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace outpost
