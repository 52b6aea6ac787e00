import type { User } from '../state/model';

function avatarUrl(user: User): string {
  return `https://www.gravatar.com/avatar/${user.id.toString(16).padStart(32, '0')}?s=80&d=identicon`;
}

/** API::Entities::UserBasic */
export function userBasic(user: User, baseUrl: string): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    public_email: null,
    name: user.name,
    state: 'active',
    locked: false,
    avatar_url: avatarUrl(user),
    web_url: `${baseUrl}/${user.username}`,
  };
}

/** API::Entities::User (what job entities embed). */
export function userEntity(user: User, baseUrl: string): Record<string, unknown> {
  return {
    ...userBasic(user, baseUrl),
    created_at: user.createdAt.toISOString(),
    bio: '',
    location: '',
    linkedin: '',
    twitter: '',
    discord: '',
    website_url: '',
    github: '',
    job_title: '',
    pronouns: null,
    organization: '',
    bot: false,
    work_information: null,
    followers: 0,
    following: 0,
    is_followed: false,
    local_time: null,
  };
}

/** API::Entities::UserPublic, the answer of GET /user. */
export function currentUserEntity(user: User, baseUrl: string): Record<string, unknown> {
  const signIn = new Date(Date.now() - 3_600_000).toISOString();
  return {
    ...userEntity(user, baseUrl),
    last_sign_in_at: signIn,
    confirmed_at: user.createdAt.toISOString(),
    last_activity_on: new Date().toISOString().slice(0, 10),
    email: user.email,
    theme_id: 3,
    color_scheme_id: 1,
    projects_limit: 100000,
    current_sign_in_at: signIn,
    identities: [],
    can_create_group: true,
    can_create_project: true,
    two_factor_enabled: false,
    external: false,
    private_profile: false,
    commit_email: user.email,
    preferred_language: 'en',
  };
}
