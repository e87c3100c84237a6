-- Why a load's records were dead-lettered (those not redriven since), most frequent first, at most 10 reasons.
-- Params: run id, store, entity.
select reason, count(*) as records
from ops.loader_dead_letters
where run_id = ? and store = ? and entity = ? and redriven_at is null
group by reason
order by count(*) desc, reason
limit 10
