#include "companies/CompanyPicker.h"

#include "companies/CompanyRepository.h"
#include "theme/ThemedIcon.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QToolButton>

namespace outpost {

namespace {
constexpr int kMatches = 20;
constexpr int kIdRole = Qt::UserRole + 1;
} // namespace

CompanyPicker::CompanyPicker(CompanyRepository& companies, QWidget* parent)
    : QWidget(parent)
    , m_companies(companies)
    , m_edit(new QLineEdit(this))
    , m_clear(new QToolButton(this))
    , m_matches(new QStandardItemModel(this))
    , m_completer(new QCompleter(m_matches, this))
{
    setObjectName(QStringLiteral("companyPicker"));
    m_edit->setObjectName(QStringLiteral("companyPickerEdit"));
    m_edit->setPlaceholderText(tr("Type to find a company"));
    m_clear->setObjectName(QStringLiteral("companyPickerClear"));
    m_clear->setIcon(themedIcon(QStringLiteral("delete")));
    m_clear->setToolTip(tr("Remove the link to the company"));
    m_clear->setAccessibleName(tr("Remove the link to the company"));
    // The matches come from the database already filtered: the completer shows them all.
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_edit->setCompleter(m_completer);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_clear);

    connect(m_edit, &QLineEdit::textEdited, this, &CompanyPicker::refreshMatches);
    connect(m_completer, qOverload<const QModelIndex&>(&QCompleter::activated), this, [this](const QModelIndex& index) {
        choose(index.data(kIdRole).toString(), index.data(Qt::DisplayRole).toString());
    });
    connect(m_edit, &QLineEdit::editingFinished, this, [this] {
        // Leaving the field with a text that is not the chosen company: back to the chosen one.
        if (m_edit->text().trimmed().isEmpty())
            choose(QString(), QString());
        else if (m_edit->text() != m_name)
            m_edit->setText(m_name);
    });
    connect(m_clear, &QToolButton::clicked, this, [this] { choose(QString(), QString()); });
    m_clear->setEnabled(false);
}

void CompanyPicker::setCompanyId(const QString& id)
{
    QString name;
    if (!id.isEmpty()) {
        auto found = m_companies.find(id);
        name = found && found->has_value() ? found->value().name : tr("(company not found)");
    }
    m_id = id;
    m_name = name;
    m_edit->setText(name);
    m_clear->setEnabled(!id.isEmpty());
}

void CompanyPicker::refreshMatches(const QString& text)
{
    m_matches->clear();
    auto rows = m_companies.page(text, std::nullopt, kMatches);
    if (!rows)
        return;
    for (const CompanyListRow& r : rows.value()) {
        auto* item = new QStandardItem(r.name);
        item->setData(r.id, kIdRole);
        item->setToolTip(QStringList{r.city, r.domain}.join(QStringLiteral(" · ")));
        m_matches->appendRow(item);
    }
    m_completer->complete();
}

void CompanyPicker::choose(const QString& id, const QString& name)
{
    const bool changed = id != m_id;
    m_id = id;
    m_name = name;
    m_edit->setText(name);
    m_clear->setEnabled(!id.isEmpty());
    if (changed)
        emit companyChanged(id, name);
}

} // namespace outpost
