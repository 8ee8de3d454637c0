import '#modules/lawmaking/routes_office'
import '#modules/lawmaking/routes_portal'
import '#modules/lawmaking/routes_control'
import '#modules/lawmaking/routes_initiatives'
