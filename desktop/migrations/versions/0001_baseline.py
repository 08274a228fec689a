"""baseline schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 11:13:55.396319
"""
from alembic import op
import sqlalchemy as sa
import desktop.models.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('calendar_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.Enum('holiday', 'workday', name='ck_daykind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('entered_by', sa.String(length=60), nullable=False),
    sa.Column('entered_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_days'))
    )
    op.create_table('evaluation_indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('weight >= 0 AND weight <= 1', name=op.f('ck_evaluation_indicators_weight_fraction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_indicators')),
    sa.UniqueConstraint('code', name=op.f('uq_evaluation_indicators_code'))
    )
    op.create_table('evaluation_periods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.Enum('month', 'quarter', 'year', name='ck_periodkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_evaluation_periods_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_periods')),
    sa.UniqueConstraint('code', name=op.f('uq_evaluation_periods_code'))
    )
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('status', sa.Enum('active', 'on_leave', 'left', name='ck_personstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('organisation', sa.String(length=100), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('id_number', name=op.f('uq_people_id_number'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_name'), ['name'], unique=False)

    op.create_table('places',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=15), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('short_name', sa.String(length=50), nullable=False),
    sa.Column('level', sa.Enum('city', 'county', 'township', 'village', 'grid', name='ck_placelevel', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('unit_kind', sa.String(length=20), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('geometry', sa.LargeBinary(), nullable=True),
    sa.Column('min_lon', sa.Float(), nullable=True),
    sa.Column('min_lat', sa.Float(), nullable=True),
    sa.Column('max_lon', sa.Float(), nullable=True),
    sa.Column('max_lat', sa.Float(), nullable=True),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(level = 'city') = (parent_id IS NULL)", name=op.f('ck_places_root_is_city')),
    sa.CheckConstraint("(level = 'grid' AND length(code) = 15) OR (level <> 'grid' AND length(code) = 12)", name=op.f('ck_places_code_length')),
    sa.CheckConstraint('min_lon IS NULL OR (min_lon <= max_lon AND min_lat <= max_lat AND min_lon >= -180 AND max_lon <= 180 AND min_lat >= -90 AND max_lat <= 90)', name=op.f('ck_places_bbox_valid')),
    sa.ForeignKeyConstraint(['parent_id'], ['places.id'], name=op.f('fk_places_parent_id_places'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places')),
    sa.UniqueConstraint('code', name=op.f('uq_places_code'))
    )
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.create_index('ix_places_level_code', ['level', 'code'], unique=False)
        batch_op.create_index(batch_op.f('ix_places_parent_id'), ['parent_id'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=60), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('case_number_sequences',
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['township_id'], ['places.id'], name=op.f('fk_case_number_sequences_township_id_places')),
    sa.PrimaryKeyConstraint('township_id', 'year', name=op.f('pk_case_number_sequences'))
    )
    op.create_table('change_feed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('topic', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('township_id', sa.Integer(), nullable=True),
    sa.Column('desktop', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['township_id'], ['places.id'], name=op.f('fk_change_feed_township_id_places'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_feed'))
    )
    with op.batch_alter_table('change_feed', schema=None) as batch_op:
        batch_op.create_index('ix_change_feed_topic_id', ['topic', 'id'], unique=False)

    op.create_table('departments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('short_name', sa.String(length=40), nullable=False),
    sa.Column('level', sa.Enum('city', 'county', 'township', name='ck_departmentlevel', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_departments_place_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_departments')),
    sa.UniqueConstraint('code', name=op.f('uq_departments_code')),
    sa.UniqueConstraint('place_id', 'name', name=op.f('uq_departments_place_id_name'))
    )
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_departments_place_id'), ['place_id'], unique=False)

    op.create_table('evaluation_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('subject_kind', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('indicator_code', sa.String(length=40), nullable=False),
    sa.Column('numerator', sa.Integer(), nullable=False),
    sa.Column('denominator', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('computed_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("subject_kind IN ('department', 'township', 'grid', 'staff')", name=op.f('ck_evaluation_scores_subject_kind')),
    sa.CheckConstraint('numerator >= 0 AND denominator >= 0 AND numerator <= denominator', name=op.f('ck_evaluation_scores_ratio')),
    sa.ForeignKeyConstraint(['period_id'], ['evaluation_periods.id'], name=op.f('fk_evaluation_scores_period_id_evaluation_periods'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_scores')),
    sa.UniqueConstraint('period_id', 'subject_kind', 'subject_id', 'indicator_code', name=op.f('uq_evaluation_scores_period_id_subject_kind_subject_id_indicator_code'))
    )
    op.create_table('grid_staff_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('grid_head', 'grid_member', 'exclusive_staff', name='ck_staffrole', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('source', sa.Enum('party_organisation', 'committee_member', 'hired', 'group_leader', 'owners_committee', 'property_management', 'retired_cadre', 'volunteer', 'managing_unit', 'other', name='ck_staffsource', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('end_on IS NULL OR end_on >= start_on', name=op.f('ck_grid_staff_roles_period')),
    sa.ForeignKeyConstraint(['grid_id'], ['places.id'], name=op.f('fk_grid_staff_roles_grid_id_places'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_grid_staff_roles_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid_staff_roles')),
    sa.UniqueConstraint('person_id', 'grid_id', 'role', 'start_on', name=op.f('uq_grid_staff_roles_person_id_grid_id_role_start_on'))
    )
    with op.batch_alter_table('grid_staff_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grid_staff_roles_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grid_staff_roles_person_id'), ['person_id'], unique=False)

    op.create_table('grids',
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('regular', 'exclusive', 'sea', name='ck_gridkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('exclusive_category', sa.Enum('office_building', 'park', 'business_district', 'market', 'school', 'hospital', 'scenic_area', 'enterprise', name='ck_exclusivecategory', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('sea_category', sa.Enum('port', 'vessel_group', 'aquaculture', 'offshore_work', name='ck_seacategory', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('managing_unit', sa.String(length=100), nullable=True),
    sa.Column('status', sa.Enum('proposed', 'active', 'retired', name='ck_gridstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('urban', sa.Boolean(), nullable=False),
    sa.Column('households', sa.Integer(), nullable=False),
    sa.Column('residents', sa.Integer(), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('village_groups', sa.Integer(), nullable=False),
    sa.Column('area_km2', sa.Float(), nullable=True),
    sa.Column('established_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(kind = 'exclusive') = (exclusive_category IS NOT NULL)", name=op.f('ck_grids_exclusive_has_category')),
    sa.CheckConstraint("(kind = 'sea') = (sea_category IS NOT NULL)", name=op.f('ck_grids_sea_has_category')),
    sa.CheckConstraint('households >= 0 AND residents >= 0 AND units >= 0 AND village_groups >= 0', name=op.f('ck_grids_base_data_nonnegative')),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_grids_place_id_places'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('place_id', name=op.f('pk_grids'))
    )
    op.create_table('leadership_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('contact_leader', 'instructor', 'grid_chief', name='ck_leadershiprole', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('title', sa.String(length=60), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('end_on IS NULL OR end_on >= start_on', name=op.f('ck_leadership_assignments_period')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_leadership_assignments_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_leadership_assignments_place_id_places'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leadership_assignments')),
    sa.UniqueConstraint('person_id', 'place_id', 'role', 'start_on', name=op.f('uq_leadership_assignments_person_id_place_id_role_start_on'))
    )
    with op.batch_alter_table('leadership_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_leadership_assignments_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_leadership_assignments_place_id'), ['place_id'], unique=False)

    op.create_table('matter_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('state', sa.Enum('draft', 'published', 'superseded', name='ck_matterliststate', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state = 'draft' OR published_on IS NOT NULL", name=op.f('ck_matter_lists_published_has_date')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_matter_lists_version_positive')),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_matter_lists_place_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter_lists')),
    sa.UniqueConstraint('place_id', 'version', name=op.f('uq_matter_lists_place_id_version'))
    )
    with op.batch_alter_table('matter_lists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_lists_place_id'), ['place_id'], unique=False)

    op.create_table('printed_sheets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('notice_sheet', 'matter_list', 'bulletin', 'assessment', 'conformance', name='ck_sheetkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('subject_ref', sa.String(length=40), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('printed_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('printed_by', sa.String(length=60), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_printed_sheets_place_id_places'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_printed_sheets'))
    )
    with op.batch_alter_table('printed_sheets', schema=None) as batch_op:
        batch_op.create_index('ix_printed_sheets_kind_place', ['kind', 'place_id', 'printed_at'], unique=False)

    op.create_table('professionals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('profession', sa.Enum('judge', 'prosecutor', 'police', 'lawyer', 'other', name='ck_profession', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('organisation', sa.String(length=100), nullable=False),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_professionals_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_professionals')),
    sa.UniqueConstraint('person_id', name=op.f('uq_professionals_person_id'))
    )
    op.create_table('governance_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10', 'c11', name='ck_mattercategory', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('center_lon', sa.Float(), nullable=True),
    sa.Column('center_lat', sa.Float(), nullable=True),
    sa.Column('radius_m', sa.Float(), nullable=True),
    sa.Column('window_start', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('window_end', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('owner_department_id', sa.Integer(), nullable=True),
    sa.Column('owner_name', sa.String(length=60), nullable=True),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('state', sa.Enum('proposed', 'accepted', 'closed', 'dismissed', name='ck_governancestate', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('closed_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closing_note', sa.Text(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_department_id'], ['departments.id'], name=op.f('fk_governance_items_owner_department_id_departments')),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_governance_items_place_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_items'))
    )
    with op.batch_alter_table('governance_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_governance_items_place_id'), ['place_id'], unique=False)

    op.create_table('liaisons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('is_guidance_contact', sa.Boolean(), nullable=False),
    sa.Column('is_responsible', sa.Boolean(), nullable=False),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_liaisons_department_id_departments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_liaisons_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_liaisons')),
    sa.UniqueConstraint('department_id', 'person_id', name=op.f('uq_liaisons_department_id_person_id'))
    )
    with op.batch_alter_table('liaisons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_liaisons_department_id'), ['department_id'], unique=False)

    op.create_table('matter_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('matter_list_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category', sa.Enum('c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10', 'c11', name='ck_mattercategory', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('guidance_contact_id', sa.Integer(), nullable=True),
    sa.Column('complexity', sa.Enum('general', 'complex', 'urgent', name='ck_mattercomplexity', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('time_limit_unit', sa.Enum('working_days', 'hours', name='ck_timelimitunit', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('time_limit', sa.Integer(), nullable=False),
    sa.Column('grid_staff_task', sa.Boolean(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('time_limit > 0', name=op.f('ck_matter_items_time_limit_positive')),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_matter_items_department_id_departments')),
    sa.ForeignKeyConstraint(['guidance_contact_id'], ['people.id'], name=op.f('fk_matter_items_guidance_contact_id_people')),
    sa.ForeignKeyConstraint(['matter_list_id'], ['matter_lists.id'], name=op.f('fk_matter_items_matter_list_id_matter_lists'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter_items')),
    sa.UniqueConstraint('matter_list_id', 'code', name=op.f('uq_matter_items_matter_list_id_code'))
    )
    with op.batch_alter_table('matter_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_items_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_items_matter_list_id'), ['matter_list_id'], unique=False)

    op.create_table('professional_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('professional_id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('purpose', sa.String(length=60), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['places.id'], name=op.f('fk_professional_visits_grid_id_places')),
    sa.ForeignKeyConstraint(['professional_id'], ['professionals.id'], name=op.f('fk_professional_visits_professional_id_professionals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_professional_visits'))
    )
    with op.batch_alter_table('professional_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_professional_visits_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_professional_visits_professional_id'), ['professional_id'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('display_name', sa.String(length=60), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('last_login_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_users_department_id_departments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_users_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('vessels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('registration_no', sa.String(length=40), nullable=False),
    sa.Column('skipper', sa.String(length=40), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['grid_id'], ['grids.place_id'], name=op.f('fk_vessels_grid_id_grids'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vessels')),
    sa.UniqueConstraint('registration_no', name=op.f('uq_vessels_registration_no'))
    )
    with op.batch_alter_table('vessels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vessels_grid_id'), ['grid_id'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=60), nullable=False),
    sa.Column('os_user', sa.String(length=60), nullable=True),
    sa.Column('desktop', sa.String(length=64), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('target', sa.String(length=80), nullable=True),
    sa.Column('place_code', sa.String(length=15), nullable=True),
    sa.Column('outcome', sa.Enum('ok', 'denied', 'failed', name='ck_auditoutcome', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_log_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    sa.UniqueConstraint('hash', name=op.f('uq_audit_log_hash'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_action_at', ['action', 'at'], unique=False)

    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.Enum('grid_staff', 'hotline', 'platform', 'walk_in', 'phone', name='ck_channel', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('requester_name', sa.String(length=40), nullable=True),
    sa.Column('requester_phone', sa.String(length=20), nullable=True),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category', sa.Enum('c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10', 'c11', name='ck_mattercategory', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('matter_item_id', sa.Integer(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.Enum('received', 'registered', 'on_spot', 'escalated', 'dispatched', 'signed', 'handling', 'extension', 'objection', 'reported', 'review', 'sent_back', 'reopened', 'on_hold', 'closed', 'merged', name='ck_casestate', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('level', sa.Enum('grid', 'township', 'county', 'city', name='ck_handlinglevel', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('supervision', sa.Enum('none', 'general', 'key', name='ck_supervisionlevel', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('received_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('registered_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('due_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('hold_reason', sa.Text(), nullable=True),
    sa.Column('hold_explanation', sa.Text(), nullable=True),
    sa.Column('reopen_count', sa.Integer(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('updated_by', sa.String(length=60), nullable=True),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state <> 'merged' OR merged_into_id IS NOT NULL", name=op.f('ck_cases_merged_has_target')),
    sa.CheckConstraint("state <> 'on_hold' OR hold_reason IS NOT NULL", name=op.f('ck_cases_hold_has_reason')),
    sa.CheckConstraint('(lon IS NULL) = (lat IS NULL)', name=op.f('ck_cases_lonlat_together')),
    sa.CheckConstraint('lat IS NULL OR (lat BETWEEN -90 AND 90)', name=op.f('ck_cases_lat_range')),
    sa.CheckConstraint('lon IS NULL OR (lon BETWEEN -180 AND 180)', name=op.f('ck_cases_lon_range')),
    sa.CheckConstraint('reopen_count >= 0', name=op.f('ck_cases_reopen_count_nonnegative')),
    sa.ForeignKeyConstraint(['county_id'], ['places.id'], name=op.f('fk_cases_county_id_places')),
    sa.ForeignKeyConstraint(['grid_id'], ['places.id'], name=op.f('fk_cases_grid_id_places')),
    sa.ForeignKeyConstraint(['matter_item_id'], ['matter_items.id'], name=op.f('fk_cases_matter_item_id_matter_items')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['cases.id'], name=op.f('fk_cases_merged_into_id_cases')),
    sa.ForeignKeyConstraint(['township_id'], ['places.id'], name=op.f('fk_cases_township_id_places')),
    sa.ForeignKeyConstraint(['village_id'], ['places.id'], name=op.f('fk_cases_village_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('external_id', name=op.f('uq_cases_external_id')),
    sa.UniqueConstraint('number', name=op.f('uq_cases_number'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_category_received', ['category', 'received_at'], unique=False)
        batch_op.create_index('ix_cases_county_state', ['county_id', 'state'], unique=False)
        batch_op.create_index('ix_cases_grid_state', ['grid_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_matter_item_id'), ['matter_item_id'], unique=False)
        batch_op.create_index('ix_cases_received', ['received_at'], unique=False)
        batch_op.create_index('ix_cases_state_due', ['state', 'due_at'], unique=False)
        batch_op.create_index('ix_cases_township_state_due', ['township_id', 'state', 'due_at'], unique=False)
        batch_op.create_index('ix_cases_village', ['village_id'], unique=False)

    op.create_table('grid_adjustments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('divide', 'adjust', 'merge', 'retire', name='ck_adjustmentkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('reason', sa.Enum('village_rescaled', 'population_movement', 'other', name='ck_adjustmentreason', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('reason_text', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('proposed', 'approved', 'rejected', 'filed', 'withdrawn', name='ck_adjustmentstate', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('proposal', sa.JSON(), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_grid_adjustments_proposed_by_id_users')),
    sa.ForeignKeyConstraint(['township_id'], ['places.id'], name=op.f('fk_grid_adjustments_township_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid_adjustments'))
    )
    with op.batch_alter_table('grid_adjustments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grid_adjustments_township_id'), ['township_id'], unique=False)

    op.create_table('matter_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.Enum('add', 'retire', name='ck_applicationaction', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('matter_item_id', sa.Integer(), nullable=True),
    sa.Column('proposal', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('pending', 'approved', 'rejected', name='ck_reviewstate', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("action = 'add' OR matter_item_id IS NOT NULL", name=op.f('ck_matter_applications_retire_names_item')),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_matter_applications_department_id_departments')),
    sa.ForeignKeyConstraint(['matter_item_id'], ['matter_items.id'], name=op.f('fk_matter_applications_matter_item_id_matter_items')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_matter_applications_reviewed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter_applications'))
    )
    with op.batch_alter_table('matter_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_applications_department_id'), ['department_id'], unique=False)

    op.create_table('rectification_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('issued_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('state', sa.Enum('open', 'rectified', name='ck_rectificationstate', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('rectified_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('response', sa.Text(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_rectification_notices_department_id_departments')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_rectification_notices_issued_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rectification_notices'))
    )
    with op.batch_alter_table('rectification_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rectification_notices_department_id'), ['department_id'], unique=False)
        batch_op.create_index('ix_rectification_state_due', ['state', 'due_on'], unique=False)

    op.create_table('role_grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('operator', 'supervisor', 'township_admin', 'county_admin', 'city_admin', 'liaison', 'auditor', name='ck_role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_role_grants_place_id_places')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_role_grants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_role_grants')),
    sa.UniqueConstraint('user_id', 'role', 'place_id', name=op.f('uq_role_grants_user_id_role_place_id'))
    )
    with op.batch_alter_table('role_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_role_grants_user_id'), ['user_id'], unique=False)

    op.create_table('assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('lead', 'co', name='ck_assignmentrole', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('state', sa.Enum('dispatched', 'signed', 'handling', 'extension', 'objection', 'reported', 'done', 'withdrawn', name='ck_assignmentstate', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('dispatched_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('dispatched_by', sa.String(length=60), nullable=True),
    sa.Column('sign_due_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('signed_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('contact_due_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('contacted_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('due_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('original_due_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reported_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('finished_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('paused_seconds', sa.Integer(), nullable=False),
    sa.Column('paused_since', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('due_at >= dispatched_at', name=op.f('ck_assignments_due_after_dispatch')),
    sa.CheckConstraint('paused_seconds >= 0', name=op.f('ck_assignments_paused_nonnegative')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_assignments_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_assignments_department_id_departments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignments'))
    )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignments_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignments_department_id'), ['department_id'], unique=False)
        batch_op.create_index('ix_assignments_department_state', ['department_id', 'state'], unique=False)
        batch_op.create_index('uq_assignments_one_active_lead', ['case_id'], unique=True, sqlite_where=sa.text("role = 'lead' AND state IN ('dispatched', 'signed', 'handling', 'extension', 'objection', 'reported')"), postgresql_where=sa.text("role = 'lead' AND state IN ('dispatched', 'signed', 'handling', 'extension', 'objection', 'reported')"))
        batch_op.create_index('uq_assignments_one_active_per_department', ['case_id', 'department_id'], unique=True, sqlite_where=sa.text("state IN ('dispatched', 'signed', 'handling', 'extension', 'objection', 'reported')"), postgresql_where=sa.text("state IN ('dispatched', 'signed', 'handling', 'extension', 'objection', 'reported')"))

    op.create_table('callbacks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('due_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('state', sa.Enum('pending', 'done', 'unreachable', name='ck_callbackstate', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('done_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('caller', sa.String(length=60), nullable=True),
    sa.Column('solved', sa.Boolean(), nullable=True),
    sa.Column('satisfaction', sa.Enum('satisfied', 'basically', 'unsatisfied', name='ck_satisfaction', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('outcome', sa.Enum('none', 'reopen', 'supervise', name='ck_callbackoutcome', native_enum=False, create_constraint=True), nullable=False),
    sa.CheckConstraint("state <> 'done' OR (done_at IS NOT NULL AND solved IS NOT NULL)", name=op.f('ck_callbacks_done_is_complete')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_callbacks_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_callbacks'))
    )
    with op.batch_alter_table('callbacks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_callbacks_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_callbacks_state_due', ['state', 'due_at'], unique=False)

    op.create_table('emergency_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('type', sa.Enum('major_dispute', 'mass_incident', 'emergency', 'other', name='ck_emergencytype', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('level', sa.Enum('i', 'ii', 'iii', 'iv', name='ck_emergencylevel', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('occurred_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('learned_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('place_text', sa.String(length=200), nullable=False),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('people_involved', sa.Integer(), nullable=False),
    sa.Column('deaths', sa.Integer(), nullable=False),
    sa.Column('injuries', sa.Integer(), nullable=False),
    sa.Column('missing', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('open', 'handled', 'closed', name='ck_emergencystate', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('handled_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reported_by', sa.String(length=60), nullable=False),
    sa.Column('acknowledged_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=60), nullable=True),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('learned_at >= occurred_at', name=op.f('ck_emergency_reports_learned_after_occurred')),
    sa.CheckConstraint('people_involved >= 0 AND deaths >= 0 AND injuries >= 0 AND missing >= 0', name=op.f('ck_emergency_reports_counts_nonnegative')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_emergency_reports_case_id_cases'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['grid_id'], ['places.id'], name=op.f('fk_emergency_reports_grid_id_places')),
    sa.ForeignKeyConstraint(['township_id'], ['places.id'], name=op.f('fk_emergency_reports_township_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_emergency_reports')),
    sa.UniqueConstraint('number', name=op.f('uq_emergency_reports_number'))
    )
    with op.batch_alter_table('emergency_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_emergency_reports_township_id'), ['township_id'], unique=False)
        batch_op.create_index('ix_emergency_unacknowledged', ['acknowledged_at', 'learned_at'], unique=False)

    op.create_table('escalations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('from_level', sa.Enum('grid', 'township', 'county', 'city', name='ck_escalation_from', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('to_level', sa.Enum('grid', 'township', 'county', 'city', name='ck_escalation_to', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_name', sa.String(length=60), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.CheckConstraint('from_level <> to_level', name=op.f('ck_escalations_changes_level')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_escalations_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalations'))
    )
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalations_case_id'), ['case_id'], unique=False)

    op.create_table('governance_item_cases',
    sa.Column('governance_item_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_governance_item_cases_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['governance_item_id'], ['governance_items.id'], name=op.f('fk_governance_item_cases_governance_item_id_governance_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('governance_item_id', 'case_id', name=op.f('pk_governance_item_cases'))
    )
    op.create_table('grid_adjustment_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('adjustment_id', sa.Integer(), nullable=False),
    sa.Column('from_state', sa.Enum('proposed', 'approved', 'rejected', 'filed', 'withdrawn', name='ck_adjstep_from', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('to_state', sa.Enum('proposed', 'approved', 'rejected', 'filed', 'withdrawn', name='ck_adjstep_to', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=60), nullable=False),
    sa.Column('at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_grid_adjustment_steps_actor_id_users')),
    sa.ForeignKeyConstraint(['adjustment_id'], ['grid_adjustments.id'], name=op.f('fk_grid_adjustment_steps_adjustment_id_grid_adjustments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid_adjustment_steps'))
    )
    with op.batch_alter_table('grid_adjustment_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grid_adjustment_steps_adjustment_id'), ['adjustment_id'], unique=False)

    op.create_table('grid_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('adjustment_id', sa.Integer(), nullable=True),
    sa.Column('valid_from', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('valid_to', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.Enum('regular', 'exclusive', 'sea', name='ck_gridhistory_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('geometry', sa.LargeBinary(), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.CheckConstraint('valid_to IS NULL OR valid_to >= valid_from', name=op.f('ck_grid_history_period')),
    sa.ForeignKeyConstraint(['adjustment_id'], ['grid_adjustments.id'], name=op.f('fk_grid_history_adjustment_id_grid_adjustments')),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_grid_history_place_id_places'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid_history'))
    )
    with op.batch_alter_table('grid_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grid_history_place_id'), ['place_id'], unique=False)

    op.create_table('supervision_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Enum('none', 'general', 'key', name='ck_supervision_order_level', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('issued_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('issued_by', sa.String(length=60), nullable=False),
    sa.Column('due_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('closed_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("level <> 'none'", name=op.f('ck_supervision_orders_has_level')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_supervision_orders_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_orders'))
    )
    with op.batch_alter_table('supervision_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_orders_case_id'), ['case_id'], unique=False)

    op.create_table('work_log_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('publicity', 'data_collection', 'visit', 'risk_screening', 'mediation', 'info_report', name='ck_worklogkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('occurred_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_work_log_entries_case_id_cases'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['grid_id'], ['places.id'], name=op.f('fk_work_log_entries_grid_id_places')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_work_log_entries_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_log_entries'))
    )
    with op.batch_alter_table('work_log_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_log_entries_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index('ix_work_log_person_time', ['person_id', 'occurred_at'], unique=False)

    op.create_table('case_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=60), nullable=False),
    sa.Column('desktop', sa.String(length=64), nullable=True),
    sa.Column('from_state', sa.String(length=20), nullable=True),
    sa.Column('to_state', sa.String(length=20), nullable=True),
    sa.Column('assignment_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_case_events_actor_id_users')),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_case_events_assignment_id_assignments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_events_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events'))
    )
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index('ix_case_events_case_id', ['case_id', 'id'], unique=False)

    op.create_table('emergency_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('phone_first', 'written_first', 'follow_up', 'final', name='ck_emergencystepkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('to_level', sa.Enum('grid', 'township', 'county', 'city', name='ck_emergency_step_to', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('due_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('done_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('done_by', sa.String(length=60), nullable=True),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('created_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("to_level IN ('county', 'city')", name=op.f('ck_emergency_steps_reports_upward')),
    sa.ForeignKeyConstraint(['report_id'], ['emergency_reports.id'], name=op.f('fk_emergency_steps_report_id_emergency_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_emergency_steps'))
    )
    with op.batch_alter_table('emergency_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_emergency_steps_report_id'), ['report_id'], unique=False)

    op.create_table('extensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('requested_by', sa.String(length=60), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_amount', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('pending', 'approved', 'refused', name='ck_decisionstate', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('decided_by', sa.String(length=60), nullable=True),
    sa.Column('decided_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('new_due_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("state <> 'approved' OR new_due_at IS NOT NULL", name=op.f('ck_extensions_approved_has_due')),
    sa.CheckConstraint('requested_amount > 0', name=op.f('ck_extensions_amount_positive')),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_extensions_assignment_id_assignments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_extensions'))
    )
    with op.batch_alter_table('extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extensions_assignment_id'), ['assignment_id'], unique=False)

    op.create_table('objections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('raised_at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('raised_by', sa.String(length=60), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('pending', 'approved', 'refused', name='ck_objection_state', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('decided_by', sa.String(length=60), nullable=True),
    sa.Column('decided_at', desktop.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_objections_assignment_id_assignments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objections'))
    )
    with op.batch_alter_table('objections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objections_assignment_id'), ['assignment_id'], unique=False)

    op.create_table('stage_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('at', desktop.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('by', sa.String(length=60), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_stage_reports_assignment_id_assignments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_reports'))
    )
    with op.batch_alter_table('stage_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_reports_assignment_id'), ['assignment_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stage_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stage_reports_assignment_id'))

    op.drop_table('stage_reports')
    with op.batch_alter_table('objections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objections_assignment_id'))

    op.drop_table('objections')
    with op.batch_alter_table('extensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_extensions_assignment_id'))

    op.drop_table('extensions')
    with op.batch_alter_table('emergency_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_emergency_steps_report_id'))

    op.drop_table('emergency_steps')
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_index('ix_case_events_case_id')

    op.drop_table('case_events')
    with op.batch_alter_table('work_log_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_work_log_person_time')
        batch_op.drop_index(batch_op.f('ix_work_log_entries_grid_id'))

    op.drop_table('work_log_entries')
    with op.batch_alter_table('supervision_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_orders_case_id'))

    op.drop_table('supervision_orders')
    with op.batch_alter_table('grid_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grid_history_place_id'))

    op.drop_table('grid_history')
    with op.batch_alter_table('grid_adjustment_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grid_adjustment_steps_adjustment_id'))

    op.drop_table('grid_adjustment_steps')
    op.drop_table('governance_item_cases')
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalations_case_id'))

    op.drop_table('escalations')
    with op.batch_alter_table('emergency_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_emergency_unacknowledged')
        batch_op.drop_index(batch_op.f('ix_emergency_reports_township_id'))

    op.drop_table('emergency_reports')
    with op.batch_alter_table('callbacks', schema=None) as batch_op:
        batch_op.drop_index('ix_callbacks_state_due')
        batch_op.drop_index(batch_op.f('ix_callbacks_case_id'))

    op.drop_table('callbacks')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index('uq_assignments_one_active_per_department', sqlite_where=sa.text("state IN ('dispatched', 'signed', 'handling', 'extension', 'objection', 'reported')"), postgresql_where=sa.text("state IN ('dispatched', 'signed', 'handling', 'extension', 'objection', 'reported')"))
        batch_op.drop_index('uq_assignments_one_active_lead', sqlite_where=sa.text("role = 'lead' AND state IN ('dispatched', 'signed', 'handling', 'extension', 'objection', 'reported')"), postgresql_where=sa.text("role = 'lead' AND state IN ('dispatched', 'signed', 'handling', 'extension', 'objection', 'reported')"))
        batch_op.drop_index('ix_assignments_department_state')
        batch_op.drop_index(batch_op.f('ix_assignments_department_id'))
        batch_op.drop_index(batch_op.f('ix_assignments_case_id'))

    op.drop_table('assignments')
    with op.batch_alter_table('role_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_role_grants_user_id'))

    op.drop_table('role_grants')
    with op.batch_alter_table('rectification_notices', schema=None) as batch_op:
        batch_op.drop_index('ix_rectification_state_due')
        batch_op.drop_index(batch_op.f('ix_rectification_notices_department_id'))

    op.drop_table('rectification_notices')
    with op.batch_alter_table('matter_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_applications_department_id'))

    op.drop_table('matter_applications')
    with op.batch_alter_table('grid_adjustments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grid_adjustments_township_id'))

    op.drop_table('grid_adjustments')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_village')
        batch_op.drop_index('ix_cases_township_state_due')
        batch_op.drop_index('ix_cases_state_due')
        batch_op.drop_index('ix_cases_received')
        batch_op.drop_index(batch_op.f('ix_cases_matter_item_id'))
        batch_op.drop_index('ix_cases_grid_state')
        batch_op.drop_index('ix_cases_county_state')
        batch_op.drop_index('ix_cases_category_received')

    op.drop_table('cases')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_action_at')

    op.drop_table('audit_log')
    with op.batch_alter_table('vessels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vessels_grid_id'))

    op.drop_table('vessels')
    op.drop_table('users')
    with op.batch_alter_table('professional_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_professional_visits_professional_id'))
        batch_op.drop_index(batch_op.f('ix_professional_visits_grid_id'))

    op.drop_table('professional_visits')
    with op.batch_alter_table('matter_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_items_matter_list_id'))
        batch_op.drop_index(batch_op.f('ix_matter_items_department_id'))

    op.drop_table('matter_items')
    with op.batch_alter_table('liaisons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_liaisons_department_id'))

    op.drop_table('liaisons')
    with op.batch_alter_table('governance_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_governance_items_place_id'))

    op.drop_table('governance_items')
    op.drop_table('professionals')
    with op.batch_alter_table('printed_sheets', schema=None) as batch_op:
        batch_op.drop_index('ix_printed_sheets_kind_place')

    op.drop_table('printed_sheets')
    with op.batch_alter_table('matter_lists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_lists_place_id'))

    op.drop_table('matter_lists')
    with op.batch_alter_table('leadership_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_leadership_assignments_place_id'))
        batch_op.drop_index(batch_op.f('ix_leadership_assignments_person_id'))

    op.drop_table('leadership_assignments')
    op.drop_table('grids')
    with op.batch_alter_table('grid_staff_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grid_staff_roles_person_id'))
        batch_op.drop_index(batch_op.f('ix_grid_staff_roles_grid_id'))

    op.drop_table('grid_staff_roles')
    op.drop_table('evaluation_scores')
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_departments_place_id'))

    op.drop_table('departments')
    with op.batch_alter_table('change_feed', schema=None) as batch_op:
        batch_op.drop_index('ix_change_feed_topic_id')

    op.drop_table('change_feed')
    op.drop_table('case_number_sequences')
    op.drop_table('settings')
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_places_parent_id'))
        batch_op.drop_index('ix_places_level_code')

    op.drop_table('places')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_name'))

    op.drop_table('people')
    op.drop_table('evaluation_periods')
    op.drop_table('evaluation_indicators')
    op.drop_table('calendar_days')
