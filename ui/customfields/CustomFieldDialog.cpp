#include "customfields/CustomFieldDialog.h"

#include "customfields/CustomFieldListModel.h"
#include "mutations/MutationEngine.h"
#include "util/TextFold.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace outpost {

namespace {
using Type = CustomField::Type;

// A key suggested from the label: "Shoe size (EU)" -> "shoe_size_eu".
QString keyFor(const QString& label)
{
    QString key = foldText(label).toLower();
    key.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("_"));
    key.remove(QRegularExpression(QStringLiteral("^[^a-z]+|_+$")));
    return key.left(40);
}
} // namespace

CustomFieldDialog::CustomFieldDialog(MutationEngine& mutations, const QString& entity, const CustomField* existing,
                                     QWidget* parent)
    : QDialog(parent)
    , m_mutations(mutations)
    , m_entity(entity)
    , m_label(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_options(new QPlainTextEdit(this))
    , m_required(new QCheckBox(tr("A value is required"), this))
    , m_min(new QLineEdit(this))
    , m_max(new QLineEdit(this))
    , m_maxLength(new QLineEdit(this))
    , m_regex(new QLineEdit(this))
    , m_message(new MessageLabel(this))
{
    if (existing)
        m_existing = *existing;
    setObjectName(QStringLiteral("customFieldDialog"));
    setWindowTitle(existing ? tr("Edit Field \u201c%1\u201d").arg(existing->label)
                            : (entity == QLatin1String("company") ? tr("New Company Field") : tr("New Contact Field")));
    m_label->setObjectName(QStringLiteral("labelEdit"));
    m_key->setObjectName(QStringLiteral("keyEdit"));
    m_type->setObjectName(QStringLiteral("typeCombo"));
    m_options->setObjectName(QStringLiteral("optionsEdit"));
    m_required->setObjectName(QStringLiteral("requiredBox"));
    m_min->setObjectName(QStringLiteral("minEdit"));
    m_max->setObjectName(QStringLiteral("maxEdit"));
    m_maxLength->setObjectName(QStringLiteral("maxLengthEdit"));
    m_regex->setObjectName(QStringLiteral("regexEdit"));
    m_message->setObjectName(QStringLiteral("fieldMessage"));
    for (Type t : {Type::Text, Type::Number, Type::Date, Type::Choice, Type::MultiChoice})
        m_type->addItem(CustomFieldListModel::typeText(t), CustomField::typeName(t));
    m_label->setMaxLength(80);
    m_key->setMaxLength(40);
    m_key->setToolTip(tr("The name the field has in imports, exports and segments. It cannot be changed later."));
    m_options->setPlaceholderText(tr("One choice per line"));
    m_options->setTabChangesFocus(true);
    m_options->setMaximumHeight(110);
    m_min->setPlaceholderText(tr("no minimum"));
    m_max->setPlaceholderText(tr("no maximum"));
    m_maxLength->setPlaceholderText(tr("1,000"));
    m_regex->setPlaceholderText(tr("e.g. [A-Z]{2}[0-9]{9}"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Label:"), m_label);
    form->addRow(tr("&Key:"), m_key);
    form->addRow(tr("&Type:"), m_type);
    form->addRow(tr("&Choices:"), m_options);
    form->addRow(QString(), m_required);
    form->addRow(tr("Mi&nimum:"), m_min);
    form->addRow(tr("Ma&ximum:"), m_max);
    form->addRow(tr("Maximum &length:"), m_maxLength);
    form->addRow(tr("&Pattern:"), m_regex);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveFieldButton"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(440);

    if (m_existing) {
        m_label->setText(m_existing->label);
        m_key->setText(m_existing->key);
        m_key->setReadOnly(true);
        m_type->setCurrentIndex(m_type->findData(m_existing->typeName()));
        m_type->setEnabled(false);
        m_options->setPlainText(m_existing->options.join(QLatin1Char('\n')));
        m_required->setChecked(m_existing->required);
        if (m_existing->min)
            m_min->setText(QLocale::c().toString(*m_existing->min, 'g', 15));
        if (m_existing->max)
            m_max->setText(QLocale::c().toString(*m_existing->max, 'g', 15));
        if (m_existing->maxLength > 0)
            m_maxLength->setText(QString::number(m_existing->maxLength));
        m_regex->setText(m_existing->regex);
    }
    connect(m_label, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (!m_existing && !m_keyEdited)
            m_key->setText(keyFor(text));
    });
    connect(m_key, &QLineEdit::textEdited, this, [this] { m_keyEdited = true; });
    connect(m_type, &QComboBox::currentIndexChanged, this, &CustomFieldDialog::updateForType);
    connect(buttons, &QDialogButtonBox::accepted, this, &CustomFieldDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &CustomFieldDialog::reject);
    updateForType();
}

CustomField::Type CustomFieldDialog::type() const
{
    return CustomField::typeFrom(m_type->currentData().toString()).value_or(Type::Text);
}

void CustomFieldDialog::updateForType()
{
    const Type t = type();
    const bool choice = t == Type::Choice || t == Type::MultiChoice;
    m_options->setEnabled(choice);
    m_min->setEnabled(t == Type::Number);
    m_max->setEnabled(t == Type::Number);
    m_maxLength->setEnabled(t == Type::Text);
    m_regex->setEnabled(t == Type::Text);
}

QJsonObject CustomFieldDialog::editable() const
{
    const Type t = type();
    QJsonArray options;
    if (t == Type::Choice || t == Type::MultiChoice) {
        for (const QString& line : m_options->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            if (!line.trimmed().isEmpty())
                options.append(line.trimmed());
    }
    QJsonObject rules;
    auto number = [](const QLineEdit* e, const char* key, QJsonObject* out) {
        bool ok = false;
        const double v = QLocale::c().toDouble(e->text().trimmed(), &ok);
        if (e->isEnabled() && ok)
            out->insert(QLatin1String(key), v);
        return e->text().trimmed().isEmpty() || !e->isEnabled() || ok;
    };
    number(m_min, "min", &rules);
    number(m_max, "max", &rules);
    if (m_maxLength->isEnabled() && m_maxLength->text().trimmed().toInt() > 0)
        rules.insert(QStringLiteral("maxLength"), m_maxLength->text().trimmed().toInt());
    if (m_regex->isEnabled() && !m_regex->text().trimmed().isEmpty())
        rules.insert(QStringLiteral("regex"), m_regex->text().trimmed());
    return {{QStringLiteral("label"), m_label->text().simplified()},
            {QStringLiteral("options"), options},
            {QStringLiteral("required"), m_required->isChecked()},
            {QStringLiteral("rules"), rules}};
}

void CustomFieldDialog::save()
{
    for (QLineEdit* e : {m_min, m_max}) {
        bool ok = true;
        if (e->isEnabled() && !e->text().trimmed().isEmpty())
            QLocale::c().toDouble(e->text().trimmed(), &ok);
        if (!ok) {
            m_message->showError(tr("\u201c%1\u201d is not a number (write it with digits and a point, such as 2.5).")
                                     .arg(e->text()));
            return;
        }
    }
    QJsonObject args = editable();
    QString id;
    Result<Mutation> result = Error();
    if (m_existing) {
        id = m_existing->id;
        result = m_mutations.submit(QStringLiteral("customfield.update"),
                                    QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("set"), args}});
    } else {
        id = newUuidV7();
        args.insert(QStringLiteral("id"), id);
        args.insert(QStringLiteral("entity"), m_entity);
        args.insert(QStringLiteral("key"), m_key->text().trimmed());
        args.insert(QStringLiteral("type"), m_type->currentData().toString());
        result = m_mutations.submit(QStringLiteral("customfield.define"), args);
    }
    if (!result) {
        m_message->showError(tr("The field was not saved: %1").arg(result.message()));
        return;
    }
    emit saved(id);
    accept();
}

} // namespace outpost
