#include "replication/RowCodec.h"

#include "replication/CommerceRowCodecs.h"
#include "replication/ConflictRowCodec.h"
#include "replication/ContactRowCodec.h"
#include "replication/ContactShareRowCodec.h"

namespace outpost {

void RowCodecRegistry::add(std::unique_ptr<RowCodec> codec)
{
    const QString entity = codec->entity();
    m_codecs.insert(entity, std::shared_ptr<RowCodec>(std::move(codec)));
}

const RowCodec* RowCodecRegistry::find(const QString& entity) const
{
    auto it = m_codecs.constFind(entity);
    return it == m_codecs.constEnd() ? nullptr : it->get();
}

QStringList RowCodecRegistry::entities() const
{
    QStringList out = m_codecs.keys();
    out.sort();
    return out;
}

const RowCodecRegistry& RowCodecRegistry::standard()
{
    static const RowCodecRegistry registry = [] {
        RowCodecRegistry r;
        r.add(std::make_unique<ContactRowCodec>());
        r.add(std::make_unique<ConflictRowCodec>());
        r.add(std::make_unique<ContactShareRowCodec>());
        CommerceRowCodecs::addTo(r);
        return r;
    }();
    return registry;
}

} // namespace outpost
