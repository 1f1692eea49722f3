#include "importexport/ImportMappingPage.h"

#include "importexport/ContactFieldLabels.h"
#include "importexport/ContactPreviewModel.h"
#include "importexport/ImportWizard.h"
#include "widgets/MessageLabel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace outpost {

namespace {

QLabel* headerLabel(const QString& text, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

} // namespace

ImportMappingPage::ImportMappingPage(ImportWizard* wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
    , m_scroll(new QScrollArea(this))
    , m_message(new MessageLabel(this))
    , m_summary(new QLabel(this))
    , m_preview(new QTableView(this))
    , m_previewModel(new ContactPreviewModel(this))
{
    setObjectName(QStringLiteral("importMappingPage"));
    setTitle(ImportWizard::tr("Match Columns to Fields"));
    setSubTitle(ImportWizard::tr("Outpost guessed what each column holds. Correct any guess; a column set to "
                                 "\u201cIgnore\u201d is not imported."));
    m_scroll->setObjectName(QStringLiteral("mappingScroll"));
    m_message->setObjectName(QStringLiteral("mappingMessage"));
    m_summary->setObjectName(QStringLiteral("mappingSummary"));
    m_preview->setObjectName(QStringLiteral("mappingPreview"));

    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::StyledPanel);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_preview->setModel(m_previewModel);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setSelectionMode(QAbstractItemView::NoSelection);
    m_preview->setFocusPolicy(Qt::TabFocus);
    m_preview->setWordWrap(false);
    m_preview->setAlternatingRowColors(true);
    m_preview->verticalHeader()->hide();
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 8);
    m_preview->horizontalHeader()->setHighlightSections(false);
    m_preview->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->setAccessibleName(ImportWizard::tr("What the first rows become"));

    m_summary->setWordWrap(true);
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    auto* previewBox = new QWidget(this);
    auto* previewLayout = new QVBoxLayout(previewBox);
    previewLayout->setContentsMargins(0, 6, 0, 0);
    auto* previewLabel = headerLabel(ImportWizard::tr("What the first rows become"), previewBox);
    previewLayout->addWidget(previewLabel);
    previewLayout->addWidget(m_preview, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("mappingSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_scroll);
    splitter->addWidget(previewBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({360, 240}); // in proportion: the columns get the larger part

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_summary);
}

QComboBox* ImportMappingPage::comboFor(int column) const
{
    return m_combos.value(column);
}

void ImportMappingPage::initializePage()
{
    const auto& p = m_wizard->preview();
    if (!p)
        return;
    if (m_wizard->previewGeneration() != m_builtGeneration)
        rebuild(); // the file, or how it is read, changed: new columns or new examples
    for (int i = 0; i < m_combos.size(); ++i) {
        const int at = m_combos.at(i)->findData(m_wizard->mapping().fieldFor(i));
        m_combos.at(i)->setCurrentIndex(std::max(0, at));
        updateColumn(i);
    }
    updatePreview();
    updateMessage();
    if (!m_combos.isEmpty())
        m_combos.first()->setFocus();
}

bool ImportMappingPage::isComplete() const
{
    return m_wizard->mappingNamesContacts();
}

void ImportMappingPage::rebuild()
{
    const auto& p = m_wizard->preview();
    const QStringList header = p->header();
    m_builtGeneration = m_wizard->previewGeneration();
    m_names.clear();
    m_samples.clear();
    m_combos.clear();

    auto* content = new QWidget;
    content->setObjectName(QStringLiteral("mappingGrid"));
    auto* grid = new QGridLayout(content);
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(6);
    grid->addWidget(headerLabel(ImportWizard::tr("Column in the file"), content), 0, 0);
    grid->addWidget(headerLabel(ImportWizard::tr("Example"), content), 0, 1);
    grid->addWidget(headerLabel(ImportWizard::tr("Import into"), content), 0, 2);

    const QStringList fields = ContactFieldLabels::importableFields();
    for (int i = 0; i < header.size(); ++i) {
        const QString columnName = header.at(i).trimmed().isEmpty() ? ImportWizard::tr("Column %1").arg(i + 1)
                                                                           : header.at(i).trimmed();
        auto* name = new QLabel(content);
        name->setObjectName(QStringLiteral("mappingColumn_%1").arg(i));
        name->setTextFormat(Qt::PlainText);
        name->setText(columnName);
        name->setToolTip(ImportWizard::tr("Column %1 of the file").arg(i + 1));
        auto* sample = new QLabel(content);
        sample->setObjectName(QStringLiteral("mappingSample_%1").arg(i));
        sample->setTextFormat(Qt::PlainText);
        const QStringList samples = p->samples(i, 3);
        const QString sampleText = samples.isEmpty() ? ImportWizard::tr("(empty in the first rows)")
                                                     : samples.join(QStringLiteral(" \u00B7 "));
        sample->setText(sample->fontMetrics().elidedText(sampleText, Qt::ElideRight, 260));
        sample->setToolTip(samples.join(QLatin1Char('\n')));
        sample->setForegroundRole(QPalette::PlaceholderText);
        sample->setMinimumWidth(120);
        auto* combo = new QComboBox(content);
        combo->setObjectName(QStringLiteral("mappingCombo_%1").arg(i));
        combo->addItem(ImportWizard::tr("\u2014 Ignore \u2014"), QString());
        for (const QString& f : fields)
            combo->addItem(ContactFieldLabels::label(f), f);
        combo->setAccessibleName(ImportWizard::tr("Import column \u201c%1\u201d into").arg(columnName));
        combo->setMinimumContentsLength(16);
        grid->addWidget(name, i + 1, 0);
        grid->addWidget(sample, i + 1, 1);
        grid->addWidget(combo, i + 1, 2);
        m_names << name;
        m_samples << sample;
        m_combos << combo;
        connect(combo, &QComboBox::currentIndexChanged, this, [this, i] { fieldChosen(i); });
    }
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 3);
    grid->setColumnStretch(2, 0);
    grid->setRowStretch(int(header.size()) + 1, 1);
    m_scroll->setWidget(content); // deletes the previous grid
}

void ImportMappingPage::fieldChosen(int column)
{
    QComboBox* combo = m_combos.value(column);
    if (!combo)
        return;
    const QString field = combo->currentData().toString();
    if (m_wizard->mapping().fieldFor(column) == field)
        return;
    m_wizard->mapping().setField(column, field);
    updateColumn(column);
    updatePreview();
    updateMessage();
    emit completeChanged();
}

void ImportMappingPage::updateColumn(int column)
{
    const bool ignored = m_wizard->mapping().fieldFor(column).isEmpty();
    // An ignored column is greyed out, and its choice says so in italics.
    m_names.at(column)->setEnabled(!ignored);
    m_samples.at(column)->setEnabled(!ignored);
    QFont f = m_combos.at(column)->font();
    f.setItalic(ignored);
    m_combos.at(column)->setFont(f);
}

void ImportMappingPage::updatePreview()
{
    const auto& p = m_wizard->preview();
    if (!p)
        return;
    auto preview = ContactImporter::preview(p->path(), m_wizard->importOptions(), ImportFilePreview::kDefaultRows);
    m_previewModel->setRows(preview ? preview->rows : QList<ContactImporter::PreviewRow>());
    m_preview->resizeColumnsToContents();
    const int cap = std::max(110, m_preview->viewport()->width() / 4);
    for (int c = 0; c < ContactPreviewModel::ColumnCount; ++c)
        if (m_preview->columnWidth(c) > cap)
            m_preview->setColumnWidth(c, cap);
    if (!preview)
        m_message->showError(preview.message());
}

void ImportMappingPage::updateMessage()
{
    const ColumnMapping& mapping = m_wizard->mapping();
    int used = 0;
    for (int i = 0; i < mapping.columnCount(); ++i)
        if (!mapping.fieldFor(i).isEmpty())
            ++used;
    const int ignored = mapping.columnCount() - used;
    m_summary->setText(ImportWizard::tr("%1 imported, %2 ignored.")
                           .arg(ImportWizard::tr("%Ln column(s)", nullptr, used),
                                ImportWizard::tr("%Ln column(s)", nullptr, ignored)));
    if (!m_wizard->mappingNamesContacts()) {
        m_message->showError(ImportWizard::tr("Choose a column for the first or last name, the company or the e-mail "
                                              "address: a contact needs at least one of them to be called by."));
        return;
    }
    QStringList shared;
    for (const QString& f : ContactFieldLabels::importableFields())
        if (mapping.columnsFor(f).size() > 1)
            shared << ContactFieldLabels::label(f);
    if (!shared.isEmpty()) {
        m_message->showMessage(MessageLabel::Kind::Info,
                               ImportWizard::tr("Several columns go into %1: the first non-empty value is used and the "
                                                "others are kept in the notes.")
                                   .arg(shared.join(QStringLiteral(", "))));
        return;
    }
    const int problems = m_previewModel->problemCount();
    if (problems > 0)
        m_message->showMessage(MessageLabel::Kind::Warning,
                               ImportWizard::tr("%Ln of the first rows would be rejected (see their status). The other "
                                                "rows are imported; rejected lines are listed at the end.",
                                                nullptr, problems));
    else
        m_message->clearMessage();
}

} // namespace outpost
