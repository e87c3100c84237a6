select store, entity from ops.loader_counts where run_id = ? order by store, entity
