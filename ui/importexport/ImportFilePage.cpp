#include "importexport/ImportFilePage.h"

#include "importexport/ContactPreviewModel.h"
#include "importexport/CsvPreviewModel.h"
#include "importexport/ImportWizard.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include <tuple>

namespace outpost {

namespace {

QTableView* makePreviewTable(QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionMode(QAbstractItemView::NoSelection);
    view->setFocusPolicy(Qt::TabFocus); // reachable by keyboard for scrolling, no selection to make
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->setTextElideMode(Qt::ElideRight);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setMinimumSectionSize(50);
    view->verticalHeader()->setHighlightSections(false);
    view->verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    return view;
}

// Column widths from the content, but never wider than a quarter of the view.
void fitColumns(QTableView* view)
{
    view->resizeColumnsToContents();
    const int cap = std::max(110, view->viewport()->width() / 4);
    for (int c = 0; c < view->model()->columnCount(); ++c)
        if (view->columnWidth(c) > cap)
            view->setColumnWidth(c, cap);
}

QString formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

ImportFilePage::ImportFilePage(ImportWizard* wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(ImportWizard::tr("&Browse…"), this))
    , m_format(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_delimiter(new QComboBox(this))
    , m_delimiterLabel(new QLabel(ImportWizard::tr("&Delimiter:"), this))
    , m_summary(new QLabel(this))
    , m_message(new MessageLabel(this))
    , m_previewStack(new QStackedWidget(this))
    , m_placeholder(new QLabel(m_previewStack))
    , m_csvView(makePreviewTable(m_previewStack))
    , m_cardView(makePreviewTable(m_previewStack))
    , m_csvModel(new CsvPreviewModel(this))
    , m_cardModel(new ContactPreviewModel(this))
{
    setObjectName(QStringLiteral("importFilePage"));
    setTitle(ImportWizard::tr("Choose a File"));
    setSubTitle(ImportWizard::tr("CSV files from a spreadsheet, Google Contacts, Outlook or another CRM, and vCard "
                                 "files (.vcf) from phones and address books. Check below that the file is read "
                                 "correctly."));
    m_path->setObjectName(QStringLiteral("importFileEdit"));
    m_browse->setObjectName(QStringLiteral("importBrowseButton"));
    m_format->setObjectName(QStringLiteral("importFormatCombo"));
    m_encoding->setObjectName(QStringLiteral("importEncodingCombo"));
    m_delimiter->setObjectName(QStringLiteral("importDelimiterCombo"));
    m_summary->setObjectName(QStringLiteral("importFileSummary"));
    m_message->setObjectName(QStringLiteral("importFileMessage"));
    m_csvView->setObjectName(QStringLiteral("importCsvPreview"));
    m_cardView->setObjectName(QStringLiteral("importCardPreview"));
    m_placeholder->setObjectName(QStringLiteral("importPreviewPlaceholder"));

    m_path->setPlaceholderText(ImportWizard::tr("The file to import, e.g. contacts.csv or contacts.vcf"));
    m_path->setClearButtonEnabled(true);
    m_browse->setIcon(themedIcon(QStringLiteral("folder")));

    m_format->addItem(QString(), int(ImportFormat::Auto));
    m_format->addItem(ImportWizard::tr("CSV (comma-separated values)"), int(ImportFormat::Csv));
    m_format->addItem(ImportWizard::tr("vCard (.vcf)"), int(ImportFormat::VCard));
    m_encoding->addItem(QString(), int(TextEncoding::Auto));
    for (TextEncoding e : {TextEncoding::Utf8, TextEncoding::Utf16LE, TextEncoding::Utf16BE, TextEncoding::Windows1252,
                           TextEncoding::Latin1})
        m_encoding->addItem(ImportFilePreview::encodingLabel(e), int(e));
    m_delimiter->addItem(QString(), QString());
    for (QChar d : {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t'), QLatin1Char('|')}) {
        QString label = ImportFilePreview::delimiterLabel(d);
        label[0] = label.at(0).toUpper();
        m_delimiter->addItem(d == QLatin1Char('\t') ? label : QStringLiteral("%1  %2").arg(label, d), QString(d));
    }
    updateAutoLabels();
    for (QComboBox* c : {m_format, m_encoding, m_delimiter})
        connect(c, &QComboBox::activated, this, &ImportFilePage::settingsChosen);

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setText(ImportWizard::tr("Choose a file with Browse…, or drop it here, to see its first rows."));
    setAcceptDrops(true);
    m_csvView->setModel(m_csvModel);
    m_cardView->setModel(m_cardModel);
    m_cardView->verticalHeader()->hide();
    m_cardView->horizontalHeader()->setStretchLastSection(true); // few columns: the address takes the rest
    m_csvView->setAccessibleName(ImportWizard::tr("First rows of the file"));
    m_cardView->setAccessibleName(ImportWizard::tr("First contacts of the file"));
    m_previewStack->addWidget(m_placeholder);
    m_previewStack->addWidget(m_csvView);
    m_previewStack->addWidget(m_cardView);
    m_previewStack->setMinimumHeight(160);

    auto* fileLabel = new QLabel(ImportWizard::tr("&File:"), this);
    fileLabel->setBuddy(m_path);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(fileLabel);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);

    auto* formatLabel = new QLabel(ImportWizard::tr("F&ormat:"), this);
    formatLabel->setBuddy(m_format);
    auto* encodingLabel = new QLabel(ImportWizard::tr("&Encoding:"), this);
    encodingLabel->setBuddy(m_encoding);
    m_delimiterLabel->setBuddy(m_delimiter);
    // Label beside choice, the three choices sharing the width: each shows what was detected.
    auto* settingsRow = new QGridLayout;
    settingsRow->setHorizontalSpacing(6);
    int column = 0;
    for (auto [label, combo, stretch] : {std::tuple<QLabel*, QComboBox*, int>{formatLabel, m_format, 2},
                                         std::tuple<QLabel*, QComboBox*, int>{encodingLabel, m_encoding, 3},
                                         std::tuple<QLabel*, QComboBox*, int>{m_delimiterLabel, m_delimiter, 2}}) {
        if (column > 0)
            settingsRow->setColumnMinimumWidth(column++, 12);
        settingsRow->addWidget(label, 0, column++);
        combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        combo->setMinimumContentsLength(12);
        settingsRow->addWidget(combo, 0, column);
        settingsRow->setColumnStretch(column++, stretch);
    }

    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addLayout(settingsRow);
    layout->addWidget(m_message);
    layout->addWidget(m_previewStack, 1);
    layout->addWidget(m_summary);

    connect(m_browse, &QPushButton::clicked, this, &ImportFilePage::browse);
    connect(m_path, &QLineEdit::textChanged, this, &ImportFilePage::reload);
    showPreview();
}

void ImportFilePage::setPath(const QString& path)
{
    m_path->setText(QDir::toNativeSeparators(path));
}

QString ImportFilePage::path() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

void ImportFilePage::initializePage()
{
    m_path->setFocus();
}

bool ImportFilePage::isComplete() const
{
    return m_wizard->preview().has_value() && m_loadedPath == path();
}

int ImportFilePage::nextId() const
{
    const auto& p = m_wizard->preview();
    return p && p->format() == ImportFormat::VCard ? ImportWizard::MatchingPageId : ImportWizard::MappingPageId;
}

void ImportFilePage::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void ImportFilePage::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    setPath(urls.first().toLocalFile());
    event->acceptProposedAction();
}

void ImportFilePage::browse()
{
    QString dir = QFileInfo(path()).absolutePath();
    if (path().isEmpty() || !QFileInfo(dir).isDir())
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto* dialog = new QFileDialog(this, ImportWizard::tr("Choose a File to Import"), dir);
    dialog->setObjectName(QStringLiteral("importFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setNameFilters({ImportWizard::tr("Contact files (*.csv *.txt *.tsv *.vcf *.vcard)"),
                            ImportWizard::tr("CSV files (*.csv *.txt *.tsv)"), ImportWizard::tr("vCard files (*.vcf *.vcard)"),
                            ImportWizard::tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& file) { setPath(file); });
    dialog->open();
}

void ImportFilePage::settingsChosen()
{
    auto& s = m_wizard->settings();
    s.format = ImportFormat(m_format->currentData().toInt());
    s.encoding = TextEncoding(m_encoding->currentData().toInt());
    const QString d = m_delimiter->currentData().toString();
    s.delimiter = d.isEmpty() ? QChar() : d.at(0);
    reload();
}

void ImportFilePage::reload()
{
    const QString file = path();
    m_message->clearMessage();
    m_loadedPath.clear();
    if (file.isEmpty() || !QFileInfo(file).isFile()) {
        m_wizard->clearPreview();
        if (!file.isEmpty() && QFileInfo(file).isDir())
            m_message->showError(ImportWizard::tr("%1 is a folder. Choose a file in it.").arg(QDir::toNativeSeparators(file)));
        else if (!file.isEmpty() && QFileInfo(file).isAbsolute() && QFileInfo(QFileInfo(file).absolutePath()).isDir())
            m_message->showMessage(MessageLabel::Kind::Info, ImportWizard::tr("There is no file with this name yet."));
        showPreview();
        emit completeChanged();
        return;
    }
    if (Status s = m_wizard->reloadPreview(file); !s)
        m_message->showError(s.message());
    else
        m_loadedPath = file;
    showPreview();
    emit completeChanged();
}

void ImportFilePage::updateAutoLabels()
{
    const auto& p = m_wizard->preview();
    const QString automatic = ImportWizard::tr("Detect automatically");
    m_format->setItemText(0, p ? ImportWizard::tr("Detected: %1")
                                     .arg(p->detectedFormat() == ImportFormat::VCard ? ImportWizard::tr("vCard")
                                                                                    : ImportWizard::tr("CSV"))
                               : automatic);
    // A vCard's encoding is decided per value (CHARSET=, else UTF-8 when valid): nothing single to show.
    const bool csv = p && p->format() == ImportFormat::Csv;
    m_encoding->setItemText(0, csv ? ImportWizard::tr("Detected: %1").arg(ImportFilePreview::encodingLabel(p->encoding()))
                                   : automatic);
    m_delimiter->setItemText(0, csv ? ImportWizard::tr("Detected: %1").arg(ImportFilePreview::delimiterLabel(p->delimiter()))
                                    : automatic);
}

void ImportFilePage::showPreview()
{
    updateAutoLabels();
    const auto& p = m_wizard->preview();
    const bool csv = !p || p->format() == ImportFormat::Csv;
    m_delimiter->setEnabled(csv);
    m_delimiterLabel->setEnabled(csv);
    if (!p) {
        m_csvModel->clear();
        m_cardModel->setRows({});
        m_previewStack->setCurrentWidget(m_placeholder);
        m_summary->clear();
        return;
    }
    const QString name = QFileInfo(p->path()).fileName();
    if (csv) {
        m_csvModel->setContent(p->header(), p->records());
        m_previewStack->setCurrentWidget(m_csvView);
        fitColumns(m_csvView);
        int broken = 0;
        for (const CsvRecord& r : p->records())
            if (!r.isOk())
                ++broken;
        const int rows = int(p->records().size());
        const QString columns = ImportWizard::tr("%Ln column(s)", nullptr, int(p->header().size()));
        const QString shown = p->hasMoreRecords() ? ImportWizard::tr("the first %Ln rows are shown", nullptr, rows)
                                                  : ImportWizard::tr("%Ln row(s)", nullptr, rows);
        QString summary = ImportWizard::tr("%1 (%2): %3, %4.").arg(name, formatSize(p->fileSize()), columns, shown);
        if (broken > 0)
            summary += QLatin1Char(' ')
                       + ImportWizard::tr("%Ln row(s) shown in red cannot be read as they are; they will be reported "
                                          "with their line numbers.",
                                          nullptr, broken);
        m_summary->setText(summary);
        if (!p->decodingWarning().isEmpty())
            m_message->showMessage(MessageLabel::Kind::Warning,
                                   p->decodingWarning() + QLatin1Char(' ')
                                       + ImportWizard::tr("If letters look wrong in the preview, choose another "
                                                          "encoding."));
    } else {
        m_cardModel->setRows(p->cards());
        m_previewStack->setCurrentWidget(m_cardView);
        fitColumns(m_cardView);
        const int cards = int(p->cards().size());
        const QString shown = p->hasMoreRecords()
                                  ? ImportWizard::tr("the first %Ln contacts are shown", nullptr, cards)
                                  : ImportWizard::tr("%Ln contact(s)", nullptr, cards);
        m_summary->setText(ImportWizard::tr("%1 (%2): %3.").arg(name, formatSize(p->fileSize()), shown));
    }
}

} // namespace outpost
